package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.sources.common.FetchedRecords;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.SourceCursors;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Stripe API -> {@code customers}, {@code subscriptions}, {@code subscription_items}, {@code
 * invoices}, {@code invoice_lines}, {@code payments}. The lists are paged through inside the
 * pipeline ({@link ApiPages} over {@link StripeLists}: the job graph carries which lists to read,
 * not what they hold); the objects are split into one record per row ({@link StripeRecords}: items
 * out of subscriptions with their coupons filled in, lines out of invoices, each charge with the
 * invoice it paid), then per table: parse (dead letters) -> deduplicate -> write, and the run is
 * recorded in {@code pipeline_runs}. A list that fails fails the run before any table is replaced
 * ({@link LoadSource}).
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
    ApiKey key =
        ApiKey.checked(
            options.getStripeApiKeySecret(), API_KEY_ENV, secrets, env, "stripeApiKeySecret");
    DateWindow window = window(options.getSince());
    Long since =
        window == null ? null : window.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start(NAME, options, window);
          SourceCursors.Plan customers =
              StripeCursor.plan(
                  SourceCursors.reader(run, options),
                  run,
                  Tables.CUSTOMERS.name(),
                  options.getFullRefresh(),
                  Duration.ofMinutes(options.getCursorOverlapMinutes()));
          StripeLists lists =
              new StripeLists(
                  key,
                  options.getStripeApiBase(),
                  options.getStripeMaxNetworkRetries(),
                  options.getStripeRetryLimit(),
                  options.getStripeRetryBackoffMillis(),
                  options.getStripeMaxRetryWaitSeconds(),
                  since,
                  customers.incremental() ? StripeCursor.eventsAfter(customers) : null);
          build(
              run,
              pipeline.apply(
                  ApiPages.of("Stripe", StripeLists.seeds(customers.incremental()), lists)),
              customers);
          return run;
        });
  }

  /**
   * The Beam half over the pages read ({@link ApiPages}): each table's records and the objects the
   * client rejected through the one write chain ({@link LoadSource}: parse -> dedupe -> write ->
   * audit).
   */
  public static void build(RunContext run, PCollectionTuple pages) {
    build(run, pages, null);
  }

  /**
   * {@link #build(RunContext, PCollectionTuple)}, and with a plan for customers, their cursor: read
   * in full (the list), or from the events since the cursor, where only the changed customers are
   * read and merged by key ({@link StripeCustomerKeys}: deleted ones go).
   */
  static void build(
      RunContext run, PCollectionTuple pages, SourceCursors.@Nullable Plan customers) {
    DateWindow window = run.window();
    boolean incremental = customers != null && customers.incremental();
    PCollection<Row> customerKeys = incremental ? StripeCustomerKeys.of(run, pages) : null;
    LoadSource.Builder load = LoadSource.of(run);
    for (TableDef table :
        List.of(
            Tables.CUSTOMERS,
            Tables.SUBSCRIPTIONS,
            Tables.INVOICES,
            Tables.INVOICE_LINES,
            Tables.PAYMENTS)) {
      load.add(ApiPages.rejected(pages, table), FetchedRecords.rejected(table));
    }
    Map<TableDef, PCollection<String>> records = StripeSplit.of(pages);
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
          records.get(table.table()),
          table,
          table.table() == Tables.CUSTOMERS ? customerKeys : null);
    }
    PCollection<Row> runRow = load.load();
    if (customers != null) {
      PCollection<String> read = ApiPages.records(pages, StripeResource.CUSTOMERS.name());
      SourceCursors.write(
          run,
          SourceCursors.record(
              run,
              customers,
              incremental
                  ? StripeCustomerKeys.newestEventMillis(pages)
                  // a full read: events after its start are the next run's
                  : pages
                      .getPipeline()
                      .apply("Customers read from", Create.of(run.startedAt().toEpochMilli())),
              read.apply("Count customers read", Count.globally()),
              customerKeys == null
                  ? null
                  : customerKeys.apply("Count customer keys", Count.globally())),
          runRow);
    }
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
