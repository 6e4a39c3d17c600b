package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.ApiKeys;
import io.intelligencesuite.sources.common.ApiSnapshotLoad;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
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
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Stripe API -> {@code customers}, {@code subscriptions}, {@code subscription_items},
 * {@code invoices}, {@code invoice_lines}, {@code payments}. The lists are fetched first, concurrently
 * ({@link StripeSource}); only a complete fetch builds the pipeline, so a failed list never replaces
 * a table with a partial snapshot. Then per table: parse (dead letters) -> deduplicate -> write, and
 * the run is recorded in {@code pipeline_runs}.
 */
public final class StripePipeline {
  public static final String NAME = "stripe";
  public static final String API_KEY_ENV = "STRIPE_API_KEY";

  private StripePipeline() {}

  public static void main(String[] args) {
    run(PipelineOptionsFactory.fromArgs(args).withValidation().as(StripeOptions.class)).waitUntilFinish();
  }

  public static PipelineResult run(StripeOptions options) {
    return run(options, ApiKeys.SECRET_MANAGER, System::getenv);
  }

  /** With the secret resolver and environment given (tests). */
  public static PipelineResult run(StripeOptions options, ApiKeys.SecretResolver secrets, Function<String, String> env) {
    String key = ApiKeys.resolve(options.getStripeApiKeySecret(), API_KEY_ENV, secrets, env, "stripeApiKeySecret");
    DateWindow window = window(options.getSince());
    StripeSource source = new StripeSource(key, options.getStripeApiBase(), options.getStripeMaxNetworkRetries(),
        options.getStripeRetryLimit(), Duration.ofMillis(options.getStripeRetryBackoffMillis()),
        Duration.ofSeconds(options.getStripeMaxRetryWaitSeconds()));
    Long since = window == null ? null : window.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    StripeSource.Snapshot snapshot = source.fetch(since);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, RunContext.start(NAME, options, window), snapshot.objects(), snapshot.rejected());
    return pipeline.run();
  }

  /**
   * The Beam half over fetched objects: one parse -> dedupe -> write branch per table, the objects the
   * fetch rejected as dead letters, then the audit.
   */
  public static void build(Pipeline pipeline, RunContext run, Map<StripeResource, List<JsonNode>> fetched,
      Map<TableDef, List<String>> rejected) {
    Map<TableDef, List<String>> records = StripeRecords.split(fetched);
    DateWindow window = run.window();
    ApiSnapshotLoad load = new ApiSnapshotLoad(pipeline, run);
    rejected.forEach(load::rejected);
    load
        .table(Tables.CUSTOMERS, records.get(Tables.CUSTOMERS), StripeParsers::customer, "created_at", null)
        .table(Tables.SUBSCRIPTIONS, records.get(Tables.SUBSCRIPTIONS), StripeParsers::subscription, "created_at", null)
        .table(Tables.SUBSCRIPTION_ITEMS, records.get(Tables.SUBSCRIPTION_ITEMS), StripeParsers::subscriptionItem,
            "created_at", null)
        .table(Tables.INVOICES, records.get(Tables.INVOICES), StripeParsers::invoice, "created_at", window)
        .table(Tables.INVOICE_LINES, records.get(Tables.INVOICE_LINES), StripeParsers::invoiceLine,
            "invoice_created_date", window)
        .table(Tables.PAYMENTS, records.get(Tables.PAYMENTS), StripeParsers::payment, "attempted_at", window)
        .record();
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
