package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.DeadLetters;
import io.intelligencesuite.transforms.identity.IdentifierNormalizer;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import io.intelligencesuite.transforms.identity.IdentityLinkRejection;
import io.intelligencesuite.transforms.identity.IdentityOverride;
import io.intelligencesuite.transforms.identity.IdentityRejection;
import io.intelligencesuite.transforms.identity.ResolveIdentities;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Identity resolution in two stages. The identity pipeline ({@link #resolve}): staging links ->
 * {@link ResolveIdentities} -> {@code identity_map} rows, rejected identifiers as dead letters. The
 * marts ({@link #of}): identity_map as the identity pipeline wrote it, and a lookup (side input
 * keyed {@code type:normalised value}) the facts use to find a row's person and company. The lookup
 * is a map side input: fine for the millions of identifiers a school-software company has; a much
 * larger graph would join through identity_map with CoGroupByKey instead.
 *
 * <p>Why two pipelines: identity resolution unrolls its rounds into gated blocks, each a diamond of
 * the job graph, and the marts' side inputs and audit add more; in one job that made some 2^28
 * source-to-sink paths, and Flink's batch optimizer (the local runner's) walks every path, so the
 * job did not start. Staged through the warehouse, each job's paths stay few (MartsGraphShapeTest).
 */
final class IdentityMapping {
  private static final IdentifierNormalizer NORMALIZER = IdentifierNormalizer.withDefaults();

  final PCollection<Row> identityMap;
  final PCollectionView<Map<String, IdentityAssignment>> lookup;

  private IdentityMapping(
      PCollection<Row> identityMap, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    this.identityMap = identityMap;
    this.lookup = lookup;
  }

  /**
   * What the identity pipeline writes: identity_map rows, rejected identifiers as dead letters, and
   * identity_rejections (the links the merge rules refused, with the rule and the reason).
   */
  record Resolution(
      PCollection<Row> identityMap, PCollection<Row> deadLetters, PCollection<Row> rejectedLinks) {}

  /**
   * Resolves the staging links with {@code resolve} plus the manual overrides of {@code
   * --identityOverrides} (read here, at construction: a bad file fails the launch naming its line).
   */
  static Resolution resolve(Staging staging, RunContext run, ResolveIdentities resolve) {
    org.apache.beam.sdk.Pipeline pipeline = staging.get(Tables.EVENTS_WEB).getPipeline();
    PCollectionTuple out =
        pipeline
            .begin()
            .apply(new IdentityLinks(staging))
            .apply(
                "Resolve identities",
                resolve.withOverrides(
                    overrides(
                        pipeline.getOptions().as(IdentityOptions.class).getIdentityOverrides())));
    PCollection<Row> map =
        out.get(ResolveIdentities.ASSIGNMENTS)
            .apply(
                "identity_map rows",
                MapElements.into(TypeDescriptors.rows()).via(IdentityAssignment::toRow))
            .setRowSchema(Tables.IDENTITY_MAP.schema());
    PCollection<Row> rejected =
        out.get(ResolveIdentities.REJECTIONS)
            .apply(
                "Rejections as dead letters",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        (IdentityRejection r) ->
                            DeadLetters.row(
                                run,
                                Tables.IDENTITY_MAP.name(),
                                r.getReason()
                                    + (r.getComponentSize() == null
                                        ? ""
                                        : " (component of "
                                            + r.getComponentSize()
                                            + " identifiers)"),
                                r.getIdentifierType(),
                                r.getIdentifierType() + ":" + r.getIdentifierValue(),
                                java.time.Instant.now())))
            .setRowSchema(Tables.DEAD_LETTERS.schema());
    PCollection<Row> refused =
        out.get(ResolveIdentities.LINK_REJECTIONS)
            .apply(
                "identity_rejections rows",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        (IdentityLinkRejection r) ->
                            RowBuilder.of(Tables.IDENTITY_REJECTIONS)
                                .set("level", r.getLevel())
                                .set("rule", r.getRule())
                                .set("identifier_type", r.getIdentifierType())
                                .set("identifier_value", r.getIdentifierValue())
                                .set("linked_type", r.getLinkedType())
                                .set("linked_value", r.getLinkedValue())
                                .set("reason", r.getReason())
                                .build()))
            .setRowSchema(Tables.IDENTITY_REJECTIONS.schema());
    return new Resolution(map, rejected, refused);
  }

  /** The overrides file (local or any Beam file system), or none when the option is blank. */
  static List<IdentityOverride> overrides(@Nullable String path) {
    if (path == null || path.isBlank()) {
      return List.of();
    }
    try {
      MatchResult.Metadata file = FileSystems.matchSingleFileSpec(path.trim());
      try (java.io.InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        return IdentityOverride.parse(
            new String(in.readAllBytes(), StandardCharsets.UTF_8), "--identityOverrides=" + path);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--identityOverrides="
              + path
              + " cannot be read ("
              + e.getMessage()
              + "): give a CSV file"
              + " of must_link|must_not_link,TYPE,VALUE,TYPE,VALUE lines, or leave it empty",
          e);
    }
  }

  /** The marts' view of identity_map rows (read from the warehouse, or given by a test). */
  static IdentityMapping of(PCollection<Row> identityMap) {
    PCollectionView<Map<String, IdentityAssignment>> lookup =
        identityMap
            .apply(
                "Key by identifier",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(IdentityAssignment.class)))
                    .via(
                        (Row r) ->
                            KV.of(
                                r.getString("identifier_type")
                                    + ":"
                                    + r.getString("identifier_value"),
                                IdentityAssignment.of(
                                    r.getString("identifier_type"),
                                    r.getString("identifier_value"),
                                    r.getString("person_id"),
                                    r.getString("company_id")))))
            // The assignment's schema coder, not the SerializableCoder the coder registry infers
            // for it inside a KV: every step that uses the lookup decodes the whole map, and Java
            // serialization of it was about 5% of the marts' CPU at demo scale 10.
            .setCoder(KvCoder.of(StringUtf8Coder.of(), assignmentCoder(identityMap.getPipeline())))
            .apply("Identity lookup", View.asMap());
    return new IdentityMapping(identityMap, lookup);
  }

  /** IdentityAssignment's coder from its schema (AutoValueSchema). */
  private static Coder<IdentityAssignment> assignmentCoder(org.apache.beam.sdk.Pipeline pipeline) {
    try {
      return pipeline.getSchemaRegistry().getSchemaCoder(IdentityAssignment.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("IdentityAssignment has no schema: " + e.getMessage(), e);
    }
  }

  /**
   * The assignment of a raw staging value, normalised as ResolveIdentities normalises it; null if
   * unknown.
   */
  static @Nullable IdentityAssignment find(
      Map<String, IdentityAssignment> lookup, String type, @Nullable String raw) {
    if (raw == null) {
      return null;
    }
    IdentifierNormalizer.Result n = NORMALIZER.normalise(type, raw);
    return n.isRejected() ? null : lookup.get(type + ":" + n.value());
  }

  static @Nullable String companyOf(
      Map<String, IdentityAssignment> lookup, String type, @Nullable String raw) {
    IdentityAssignment a = find(lookup, type, raw);
    return a == null ? null : a.getCompanyId();
  }

  /** What to emit for an element whose identifier resolved to a company. */
  interface WithCompany<T, O> extends Serializable {
    O apply(T element, String company);
  }

  /**
   * Each element whose identifier (of this type, read by {@code identifier}) resolves to a company,
   * as {@code output} makes it from the element and the company; the others are dropped.
   */
  static <T, O> PCollection<O> withCompany(
      String name,
      PCollection<T> in,
      PCollectionView<Map<String, IdentityAssignment>> lookup,
      String identifierType,
      SerializableFunction<T, @Nullable String> identifier,
      WithCompany<T, O> output,
      Coder<O> coder) {
    return in.apply(
            name,
            ParDo.of(
                    new DoFn<T, O>() {
                      @ProcessElement
                      public void process(
                          @Element T element, OutputReceiver<O> out, ProcessContext c) {
                        String company =
                            companyOf(
                                c.sideInput(lookup), identifierType, identifier.apply(element));
                        if (company != null) {
                          out.output(output.apply(element, company));
                        }
                      }
                    })
                .withSideInputs(lookup))
        .setCoder(coder);
  }

  static @Nullable String personOf(
      Map<String, IdentityAssignment> lookup, String type, @Nullable String raw) {
    IdentityAssignment a = find(lookup, type, raw);
    return a == null ? null : a.getPersonId();
  }
}
