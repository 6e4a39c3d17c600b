package io.intelligencesuite.sources.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.sources.common.CsvRecords;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * SwanAI visits and G2 intent -> {@code visitor_enrichment}: read (export files, NDJSON or CSV,
 * local or gs://; and/or the providers' HTTP JSON endpoints, paged through inside the pipeline) ->
 * parse through the provider's field mapping (dead letters) -> conflicting copies of a signal (same
 * id and time, other content) to dead letters -> deduplicate by signal id -> write -> audit. Each
 * record travels as {@code {"provider", "record"}} whichever way it came, so files and endpoints
 * share one code path after the read and a dead letter shows both.
 */
public final class EnrichmentPipeline {
  public static final String NAME = PipelineNames.ENRICHMENT;

  /**
   * Wrapper key set on a CSV row that does not fit the header (a truncated row, an unclosed quote):
   * {@code {"field", "reason"}}, so the parser dead-letters it instead of loading the missing cells
   * as NULL.
   */
  static final String CSV_ERROR = "csv_error";

  private EnrichmentPipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, EnrichmentOptions.class, EnrichmentPipeline::run);
  }

  public static PipelineResult run(EnrichmentOptions options) {
    return run(options, Secrets.SECRET_MANAGER, System::getenv);
  }

  /** With the secret resolver and environment given (tests). */
  public static PipelineResult run(
      EnrichmentOptions options, Secrets.Resolver secrets, Function<String, String> env) {
    Map<String, String> files = pairs(options.getEnrichmentFiles(), "enrichmentFiles", "GLOB");
    Map<String, String> endpoints = pairs(options.getEnrichmentApi(), "enrichmentApi", "URL");
    if (files.isEmpty() && endpoints.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to read: set --enrichmentFiles=PROVIDER=GLOB,... "
              + "or --enrichmentApi=PROVIDER=URL,...");
    }
    EnrichmentEndpoints api =
        endpoints(
            endpoints,
            pairs(options.getEnrichmentApiKeySecrets(), "enrichmentApiKeySecrets", "SECRET"),
            options,
            secrets,
            env);
    return SourceLaunch.run(options, pipeline -> build(pipeline, options, files, api));
  }

  public static RunContext build(
      Pipeline pipeline,
      EnrichmentOptions options,
      Map<String, String> files,
      EnrichmentEndpoints api) {
    RunContext run = RunContext.start(NAME, options, null);
    List<PCollection<String>> perProvider = new ArrayList<>();
    files.forEach(
        (provider, glob) ->
            perProvider.add(
                pipeline
                    .apply("Match " + provider, FileIO.match().filepattern(glob))
                    .apply("Open " + provider, FileIO.readMatches())
                    .apply("Records " + provider, ParDo.of(new ReadRecords(provider)))
                    .setCoder(StringUtf8Coder.of())));
    if (!api.urls().isEmpty()) {
      // Paged inside the pipeline: the graph carries the endpoints, not their records.
      perProvider.add(
          pipeline
              .apply(ApiPages.of("enrichment APIs", List.copyOf(api.urls().keySet()), api))
              .get(ApiPages.RECORDS)
              .apply("API records", Values.create()));
    }
    PCollection<String> records =
        PCollectionList.of(perProvider).apply("All providers", Flatten.pCollections());
    LoadSource.of(run)
        .add(
            records,
            // Exports say nothing about which days they cover: merge by signal_id, replace no day.
            TableLoad.ofText(Tables.VISITOR_ENRICHMENT, "observed_at", EnrichmentProviders::parse)
                .replacing(ReplaceWindow.noDays()))
        .load();
    return run;
  }

  /** The endpoints to page through, each provider's key checked now (resolved on the worker). */
  static EnrichmentEndpoints endpoints(
      Map<String, String> endpoints,
      Map<String, String> keySecrets,
      EnrichmentOptions options,
      Secrets.Resolver secrets,
      Function<String, String> env) {
    Map<String, ApiKey> keys = new LinkedHashMap<>();
    endpoints.forEach(
        (provider, url) ->
            keys.put(
                provider,
                ApiKey.checked(
                    keySecrets.get(provider),
                    provider.toUpperCase(Locale.ROOT) + "_API_KEY",
                    secrets,
                    env,
                    "enrichmentApiKeySecrets")));
    return new EnrichmentEndpoints(
        new LinkedHashMap<>(endpoints),
        keys,
        options.getEnrichmentApiRetryLimit(),
        options.getEnrichmentApiRetryBackoffMillis());
  }

  /**
   * {@code swanai=X,g2=Y} -> provider -> X (empty for a null or blank option); unknown providers
   * fail here, at launch.
   */
  static Map<String, String> pairs(@Nullable String spec, String option, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException(
            "--" + option + " wants PROVIDER=" + what + " pairs, got '" + part + "'");
      }
      String provider = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      EnrichmentProviders.mapping(provider);
      out.put(provider, part.substring(eq + 1).trim());
    }
    return out;
  }

  /** The record as the parser takes it: {@code {"provider": P, "record": R}}. */
  static String wrap(String provider, JsonNode record) {
    return wrapped(provider, record).toString();
  }

  private static ObjectNode wrapped(String provider, JsonNode record) {
    ObjectNode w = Json.MAPPER.createObjectNode();
    w.put("provider", provider);
    w.set("record", record);
    return w;
  }

  /**
   * One file -> one {"provider","record"} JSON text per NDJSON line or CSV row (header names the
   * fields). A CSV file is read whole ({@link CsvRecords}): its quoted cells may hold line breaks.
   */
  static final class ReadRecords extends DoFn<FileIO.ReadableFile, String> {
    private final String provider;

    ReadRecords(String provider) {
      this.provider = provider;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<String> out)
        throws IOException {
      if (file.getMetadata().resourceId().getFilename().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        for (CsvRecords.Row row : CsvRecords.read(file.readFullyAsUTF8String())) {
          out.output(csvRecord(provider, row));
        }
        return;
      }
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(file.open()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            out.output("{\"provider\":\"" + provider + "\",\"record\":" + line + "}");
          }
        }
      }
    }
  }

  /**
   * A CSV row as the parser takes it; a row that does not fit the header carries {@link
   * #CSV_ERROR}.
   */
  static String csvRecord(String provider, CsvRecords.Row row) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    row.cells().forEach(r::put);
    ObjectNode w = wrapped(provider, r);
    if (row.problem() != null) {
      w.putObject(CSV_ERROR).put("field", row.problemField()).put("reason", row.problem());
    }
    return w.toString();
  }
}
