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
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.SourceCursors;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
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
          Map<StripeResource, SourceCursors.Plan> plans =
              plans(
                  SourceCursors.reader(run, options),
                  run,
                  options.getFullRefresh(),
                  Duration.ofMinutes(options.getCursorOverlapMinutes()),
                  window != null);
          Set<StripeResource> fromEvents = fromEvents(plans);
          StripeLists lists =
              new StripeLists(
                  key,
                  options.getStripeApiBase(),
                  options.getStripeMaxNetworkRetries(),
                  options.getStripeRetryLimit(),
                  options.getStripeRetryBackoffMillis(),
                  options.getStripeMaxRetryWaitSeconds(),
                  since,
                  fromEvents.stream()
                      .map(r -> StripeCursor.eventsAfter(plans.get(r)))
                      .min(Long::compare)
                      .orElse(null),
                  fromEvents.stream().map(Enum::name).toList());
          build(
              run,
              pipeline.apply(ApiPages.of("Stripe", StripeLists.seeds(fromEvents), lists)),
              plans,
              lists);
          return run;
        });
  }

  /**
   * The read plan of each list that has a cursor ({@link StripeCursor}): customers, subscriptions
   * (their items follow), invoices (their lines follow) and charges (payments). With {@code
   * --since}, invoices and charges are read by list from that day and have no plan: the window read
   * does not move their cursor. Charges are read from events only with the invoices: a payment row
   * carries the invoice that lists its charge ({@link StripeScopes}).
   */
  static Map<StripeResource, SourceCursors.Plan> plans(
      WarehouseReader reader,
      RunContext run,
      boolean fullRefresh,
      Duration overlap,
      boolean sinceWindow) {
    Map<StripeResource, SourceCursors.Plan> plans = new EnumMap<>(StripeResource.class);
    for (StripeScopes.Family f : StripeScopes.FAMILIES) {
      StripeResource list = f.list();
      boolean windowed = list == StripeResource.INVOICES || list == StripeResource.CHARGES;
      if (plans.containsKey(list) || (sinceWindow && windowed)) {
        continue;
      }
      boolean full =
          fullRefresh
              || (list == StripeResource.CHARGES
                  && !plans.get(StripeResource.INVOICES).incremental());
      plans.put(list, StripeCursor.plan(reader, run, f.table().name(), full, overlap));
    }
    SourceCursors.Plan charges = plans.get(StripeResource.CHARGES);
    if (charges != null && !charges.incremental()) {
      // and the other way round: charges listed in full need every invoice's links
      plans.put(
          StripeResource.INVOICES,
          StripeCursor.plan(reader, run, Tables.INVOICES.name(), true, overlap));
    }
    return plans;
  }

  private static Set<StripeResource> fromEvents(Map<StripeResource, SourceCursors.Plan> plans) {
    Set<StripeResource> lists = EnumSet.noneOf(StripeResource.class);
    plans.forEach(
        (list, plan) -> {
          if (plan.incremental()) {
            lists.add(list);
          }
        });
    return lists;
  }

  /**
   * The Beam half over the pages read ({@link ApiPages}): each table's records and the objects the
   * client rejected through the one write chain ({@link LoadSource}: parse -> dedupe -> write ->
   * audit).
   */
  public static void build(RunContext run, PCollectionTuple pages) {
    build(run, pages, Map.of(), null);
  }

  /**
   * {@link #build(RunContext, PCollectionTuple)} with the lists' read plans: a list read in full
   * replaces its tables; one read from the events since its cursor merges what it read into them,
   * replacing the objects the events named ({@link StripeScopes}). Each planned table gets its
   * cursor row: the newest event's created (a full read: the run's start).
   */
  static void build(
      RunContext run,
      PCollectionTuple pages,
      Map<StripeResource, SourceCursors.Plan> plans,
      @Nullable StripeLists lists) {
    DateWindow window = run.window();
    Set<StripeResource> fromEvents = fromEvents(plans);
    PCollection<String> charges = ApiPages.records(pages, StripeResource.CHARGES.name());
    PCollection<String> chargeScopes = null;
    PCollection<String> rejectedCharges = ApiPages.rejected(pages, Tables.PAYMENTS);
    PCollection<KV<String, String>> heldLinks = null;
    if (fromEvents.contains(StripeResource.CHARGES)) {
      StripeScopes.ChargeLinks links = StripeScopes.chargeLinks(run, pages, lists);
      heldLinks = links.kept();
      PCollectionTuple again = links.again();
      charges = flatten("All charges read", charges, ApiPages.records(again, charges()));
      chargeScopes =
          flatten(
              "All charges read whole",
              ApiPages.records(pages, StripeLists.scope(StripeResource.CHARGES)),
              ApiPages.records(again, StripeLists.scope(StripeResource.CHARGES)));
      rejectedCharges =
          flatten(
              "All charges rejected", rejectedCharges, ApiPages.rejected(again, Tables.PAYMENTS));
    }
    LoadSource.Builder load = LoadSource.of(run);
    for (TableDef table :
        List.of(Tables.CUSTOMERS, Tables.SUBSCRIPTIONS, Tables.INVOICES, Tables.INVOICE_LINES)) {
      load.add(ApiPages.rejected(pages, table), FetchedRecords.rejected(table));
    }
    load.add(rejectedCharges, FetchedRecords.rejected(Tables.PAYMENTS));
    Map<TableDef, PCollection<String>> records = StripeSplit.of(pages, charges, heldLinks);
    for (StripeScopes.Family f : StripeScopes.FAMILIES) {
      TableLoad<String> table = tableLoad(f.table());
      if (!fromEvents.contains(f.list())) {
        load.add(records.get(f.table()), window(table, window));
        continue;
      }
      PCollection<String> scopes =
          f.list() == StripeResource.CHARGES
              ? chargeScopes
              : ApiPages.records(pages, StripeLists.scope(f.list()));
      load.add(records.get(f.table()), table, f.merge(), StripeScopes.rows(f, scopes));
    }
    PCollection<Row> runRow = load.load();
    if (!plans.isEmpty()) {
      SourceCursors.write(run, cursors(run, pages, plans, records), runRow);
    }
  }

  private static String charges() {
    return StripeResource.CHARGES.name();
  }

  private static <T> PCollection<T> flatten(String name, PCollection<T> a, PCollection<T> b) {
    return PCollectionList.of(a).and(b).apply(name, Flatten.pCollections());
  }

  /** The parser and versioning of each Stripe table's records. */
  private static TableLoad<String> tableLoad(TableDef table) {
    switch (table.name()) {
      case "customers":
        return TableLoad.ofText(Tables.CUSTOMERS, "created_at", StripeParsers::customer);
      case "subscriptions":
        return TableLoad.ofText(Tables.SUBSCRIPTIONS, "created_at", StripeParsers::subscription);
      case "subscription_items":
        return TableLoad.ofText(
            Tables.SUBSCRIPTION_ITEMS, "created_at", StripeParsers::subscriptionItem);
      case "invoices":
        return TableLoad.ofText(Tables.INVOICES, "created_at", StripeParsers::invoice);
      case "invoice_lines":
        return TableLoad.ofText(
            Tables.INVOICE_LINES, "invoice_created_date", StripeParsers::invoiceLine);
      case "payments":
        return TableLoad.ofText(Tables.PAYMENTS, "attempted_at", StripeParsers::payment);
      default:
        throw new IllegalArgumentException("not a Stripe table: " + table.name());
    }
  }

  /** A full read of a day-partitioned table replaces the days read (every day without --since). */
  private static TableLoad<String> window(TableLoad<String> load, @Nullable DateWindow window) {
    return load.table().partitionColumn().isPresent() ? load.replacing(window) : load;
  }

  /** One source_cursors row per planned table (items and lines under their parents' plans). */
  private static PCollection<Row> cursors(
      RunContext run,
      PCollectionTuple pages,
      Map<StripeResource, SourceCursors.Plan> plans,
      Map<TableDef, PCollection<String>> records) {
    PCollection<Long> newestEvent =
        ApiPages.records(pages, StripeLists.NEWEST_EVENT)
            .apply(
                "Newest event",
                MapElements.into(TypeDescriptors.longs()).via(s -> Long.parseLong(s) * 1000L));
    // a full read: events after its start are the next run's
    PCollection<Long> started =
        pages.getPipeline().apply("Read from", Create.of(run.startedAt().toEpochMilli()));
    List<PCollection<Row>> rows = new ArrayList<>();
    for (StripeScopes.Family f : StripeScopes.FAMILIES) {
      SourceCursors.Plan plan = plans.get(f.list());
      if (plan == null) {
        continue;
      }
      SourceCursors.Plan tablePlan =
          new SourceCursors.Plan(
              f.table().name(),
              plan.cursorColumn(),
              plan.incremental(),
              plan.previousCursor(),
              plan.readSince());
      rows.add(
          SourceCursors.record(
              run,
              tablePlan,
              plan.incremental() ? newestEvent : started,
              records.get(f.table()).apply("Count " + f.table().name() + " read", Count.globally()),
              null));
    }
    return PCollectionList.of(rows)
        .apply("Cursor rows", Flatten.pCollections())
        .setRowSchema(Tables.SOURCE_CURSORS.schema());
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
