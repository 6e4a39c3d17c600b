package io.intelligencesuite.transforms.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A manual override for a case the data cannot decide: two identifiers of the same level that must
 * be linked (the resolver adds the link and exempts it from the limits) or must never end up in one
 * profile (the resolver refuses every link that would join them). Both identifiers are normalised
 * as the resolver normalises them.
 *
 * <p>The file form ({@link #parse}) is CSV, one pair a line, {@code #} comments and blank lines
 * ignored: {@code must_link|must_not_link,TYPE,VALUE,TYPE,VALUE}, e.g. {@code
 * must_not_link,user_id,u_17,user_id,u_42}.
 */
public record IdentityOverride(String left, String right, boolean mustLink, boolean personLevel)
    implements Serializable {

  public static final String MUST_LINK = "must_link";
  public static final String MUST_NOT_LINK = "must_not_link";

  /**
   * An override of the pair (leftType leftValue, rightType rightValue); fails naming the pair when
   * a type is unknown, a value is rejected by normalisation, or the two are of different levels.
   */
  public static IdentityOverride of(
      String rule, String leftType, String leftValue, String rightType, String rightValue) {
    String r = rule.trim().toLowerCase(Locale.ROOT);
    if (!r.equals(MUST_LINK) && !r.equals(MUST_NOT_LINK)) {
      throw new IllegalArgumentException(
          "identity override rule '" + rule + "' is neither must_link nor must_not_link");
    }
    IdentifierNormalizer normalizer = IdentifierNormalizer.withDefaults();
    String left = node(normalizer, leftType, leftValue);
    String right = node(normalizer, rightType, rightValue);
    boolean lp = IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(left));
    if (lp != IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(right))) {
      throw new IllegalArgumentException(
          "identity override "
              + left
              + " - "
              + right
              + " pairs a person-level and a company-level identifier: an override joins or"
              + " separates two persons or two companies");
    }
    return new IdentityOverride(left, right, r.equals(MUST_LINK), lp);
  }

  private static String node(IdentifierNormalizer normalizer, String rawType, String rawValue) {
    String type = IdentifierTypes.canonicalType(rawType);
    if (type == null) {
      throw new IllegalArgumentException(
          "identity override: '" + rawType + "' is not a known identifier type");
    }
    IdentifierNormalizer.Result r = normalizer.normalise(type, rawValue);
    if (r.isRejected()) {
      throw new IllegalArgumentException("identity override: " + r.rejection());
    }
    return IdentifierTypes.node(type, r.value());
  }

  /** Parses the CSV form; {@code source} names the file in errors. */
  public static List<IdentityOverride> parse(String text, String source) {
    List<IdentityOverride> out = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(
            source
                + " line "
                + (i + 1)
                + ": expected rule,type,value,type,value (5 fields), got "
                + f.length
                + ": "
                + line);
      }
      try {
        out.add(of(f[0], f[1], f[2], f[3], f[4]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
