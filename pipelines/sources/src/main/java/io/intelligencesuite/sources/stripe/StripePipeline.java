package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.FetchedRecords;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Stripe API -> {@code customers}, {@code subscriptions}, {@code subscription_items}, {@code
 * invoices}, {@code invoice_lines}, {@code payments}. The lists are fetched first, concurrently
 * ({@link StripeSource}); only a complete fetch builds the pipeline, so a failed list never
 * replaces a table with a partial snapshot. Then per table: parse (dead letters) -> deduplicate ->
 * write, and the run is recorded in {@code pipeline_runs}.
 */
public final class StripePipeline {
  public static final String NAME = PipelineNames.STRIPE;
  public static final String API_KEY_ENV = "STRIPE_API_KEY";

  private StripePipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, StripeOptions.class, StripePipeline::run);
  }

  public static PipelineResult run(StripeOptions options) {
    return run(options, Secrets.SECRET_MANAGER, System::getenv);
  }

  /** With the secret resolver and environment given (tests). */
  public static PipelineResult run(
      StripeOptions options, Secrets.Resolver secrets, Function<String, String> env) {
    String key =
        Secrets.apiKey(
            options.getStripeApiKeySecret(), API_KEY_ENV, secrets, env, "stripeApiKeySecret");
    DateWindow window = window(options.getSince());
    StripeSource source =
        new StripeSource(
            key,
            options.getStripeApiBase(),
            options.getStripeMaxNetworkRetries(),
            options.getStripeRetryLimit(),
            Duration.ofMillis(options.getStripeRetryBackoffMillis()),
            Duration.ofSeconds(options.getStripeMaxRetryWaitSeconds()));
    Long since =
        window == null ? null : window.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    StripeSource.Snapshot snapshot = source.fetch(since);
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start(NAME, options, window);
          build(pipeline, run, snapshot.objects(), snapshot.rejected());
          return run;
        });
  }

  /**
   * The Beam half over fetched objects: each table's records and the objects the fetch rejected
   * through the one write chain ({@link LoadSource}: parse -> dedupe -> write -> audit).
   */
  public static void build(
      Pipeline pipeline,
      RunContext run,
      Map<StripeResource, List<JsonNode>> fetched,
      Map<TableDef, List<String>> rejected) {
    Map<TableDef, List<String>> records = StripeRecords.split(fetched);
    DateWindow window = run.window();
    LoadSource.Builder load = LoadSource.of(run);
    rejected.forEach(
        (table, r) ->
            load.add(
                FetchedRecords.of(pipeline, "rejected " + table.name(), r),
                FetchedRecords.rejected(table)));
    for (TableLoad<String> table :
        List.of(
            TableLoad.ofText(Tables.CUSTOMERS, "created_at", StripeParsers::customer),
            TableLoad.ofText(Tables.SUBSCRIPTIONS, "created_at", StripeParsers::subscription),
            TableLoad.ofText(
                Tables.SUBSCRIPTION_ITEMS, "created_at", StripeParsers::subscriptionItem),
            TableLoad.ofText(Tables.INVOICES, "created_at", StripeParsers::invoice)
                .replacing(window),
            TableLoad.ofText(
                    Tables.INVOICE_LINES, "invoice_created_date", StripeParsers::invoiceLine)
                .replacing(window),
            TableLoad.ofText(Tables.PAYMENTS, "attempted_at", StripeParsers::payment)
                .replacing(window))) {
      load.add(
          FetchedRecords.of(pipeline, table.table().name(), records.get(table.table())), table);
    }
    load.load();
  }

  static @Nullable DateWindow window(@Nullable String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return new DateWindow(LocalDate.parse(since), LocalDate.now(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since must be YYYY-MM-DD: " + since, e);
    }
  }
}
