package io.intelligencesuite.transforms.identity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * A compact, deterministic coder for graph nodes ({@link IdentifierTypes#node type:value}, a person
 * node {@code ~type:value} in the company graph, or any other string): one tag byte for the type
 * and the person prefix, then the value's UTF-8 bytes with their length.
 *
 * <p>Why: every round of {@link ConnectedComponents} shuffles (on Flink: sorts) all edges by node,
 * and with {@link org.apache.beam.sdk.coders.StringUtf8Coder} the type name is most of the bytes
 * written, read and compared ({@code ga_pseudo_id:ga-12-0-1} is 23 bytes, 11 here), and every key
 * of a type starts with the same bytes, so comparisons look further into each key. Equal strings
 * encode to equal bytes and the encoding is injective, so it is a valid GroupByKey key coder.
 */
final class NodeCoder extends AtomicCoder<String> {
  private static final NodeCoder INSTANCE = new NodeCoder();

  /** Tag 1 + i is TYPES.get(i); tag 0 is a string without a known type prefix. */
  private static final List<String> TYPES =
      List.of(
          IdentifierTypes.GA_PSEUDO_ID,
          IdentifierTypes.USER_ID,
          IdentifierTypes.EMAIL,
          IdentifierTypes.LEAD_ID,
          IdentifierTypes.DOMAIN,
          IdentifierTypes.ACCOUNT_ID,
          IdentifierTypes.STRIPE_CUSTOMER,
          IdentifierTypes.CHARTMOGUL_CUSTOMER);

  /** Added to the tag for a string that starts with {@link ResolveIdentities#PERSON_PREFIX}. */
  private static final int PERSON_FLAG = 0x40;

  /** The bytes a tag stands for, indexed by tag: {@code [~]type:} (empty for tag 0). */
  private static final byte[][] PREFIXES = new byte[PERSON_FLAG * 2][];

  static {
    for (int tag = 0; tag < PREFIXES.length; tag++) {
      int type = tag % PERSON_FLAG;
      if (type > TYPES.size()) {
        continue;
      }
      String prefix =
          (tag >= PERSON_FLAG ? ResolveIdentities.PERSON_PREFIX : "")
              + (type == 0 ? "" : TYPES.get(type - 1) + ':');
      PREFIXES[tag] = prefix.getBytes(StandardCharsets.UTF_8);
    }
  }

  static NodeCoder of() {
    return INSTANCE;
  }

  private NodeCoder() {}

  @Override
  public void encode(String node, OutputStream out) throws IOException {
    if (node == null) {
      throw new CoderException("cannot encode a null node");
    }
    int tag = 0;
    int start = 0;
    if (node.startsWith(ResolveIdentities.PERSON_PREFIX)) {
      tag = PERSON_FLAG;
      start = ResolveIdentities.PERSON_PREFIX.length();
    }
    for (int i = 0; i < TYPES.size(); i++) {
      String type = TYPES.get(i);
      int colon = start + type.length();
      if (node.length() > colon && node.charAt(colon) == ':' && node.startsWith(type, start)) {
        tag += 1 + i;
        start = colon + 1;
        break;
      }
    }
    // The prefix is ASCII, so it is as many bytes as chars.
    byte[] bytes = node.getBytes(StandardCharsets.UTF_8);
    out.write(tag);
    VarInt.encode(bytes.length - start, out);
    out.write(bytes, start, bytes.length - start);
  }

  @Override
  public String decode(InputStream in) throws IOException {
    int tag = in.read();
    if (tag < 0) {
      throw new EOFException("no node tag");
    }
    byte[] prefix = tag < PREFIXES.length ? PREFIXES[tag] : null;
    if (prefix == null) {
      throw new CoderException("unknown node tag " + tag);
    }
    int length = VarInt.decodeInt(in);
    byte[] bytes = new byte[prefix.length + length];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    int offset = prefix.length;
    while (offset < bytes.length) {
      int n = in.read(bytes, offset, bytes.length - offset);
      if (n < 0) {
        throw new EOFException("node truncated");
      }
      offset += n;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
