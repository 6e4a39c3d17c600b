package io.intelligencesuite.marts;

import io.intelligencesuite.marts.metrics.ComputeMetrics;
import io.intelligencesuite.marts.metrics.MarketingMetrics;
import io.intelligencesuite.marts.revenue.ComputeRevenue;
import io.intelligencesuite.marts.revenue.RevenueSettings;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.audit.RunLedger;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * The marts pipeline: staging tables + identity_map -> dimensions, facts and metrics, in Beam
 * transforms so BigQuery and the embedded warehouse always agree. identity_map is the identity
 * pipeline's ({@link IdentityPipeline}, run before this one). Every mart is a full rebuild
 * (REPLACE_TABLE): reruns are idempotent and a definition change applies to all history.
 *
 * <pre>
 * staging (ReadTable) -> leave out internal accounts; identity_map (ReadTable) -> identity lookup
 *   payments -> first paid per customer / company
 *   events_web -> sessions_web;  leads + lead_scoring_runs + sessions_web -> fact_lead
 *   events_product -> fact_usage;  companies + events_product -> fact_trial (activation rule)
 *   users -> dim_user;  companies + identity_map -> dim_company
 *   fact_subscription + fact_usage + events_product + invoice_lines + payments -> account_signals
 * </pre>
 */
public final class MartsPipeline {
  public static final String NAME = PipelineNames.MARTS;

  // The dictionary's parameters (activation, lead qualification, conversion window): one source.
  static final MetricParameters PARAMS = MetricParameters.defaults();
  static final double QUALIFICATION_THRESHOLD = PARAMS.lqiQualificationThreshold();

  /**
   * The staging tables the marts read (identity_map aside): every one a transform below uses or the
   * audit counts. The others (HubSpot's contacts and companies, ChartMogul's activities) feed
   * identity and reconcile only, and are not read here.
   */
  public static final List<TableDef> READS =
      List.of(
          Tables.EVENTS_WEB,
          Tables.EVENTS_PRODUCT,
          Tables.COMPANIES,
          Tables.USERS,
          Tables.LEADS,
          Tables.LEAD_SCORING_RUNS,
          Tables.VISITOR_ENRICHMENT,
          Tables.CUSTOMERS,
          Tables.SUBSCRIPTIONS,
          Tables.SUBSCRIPTION_ITEMS,
          Tables.INVOICES,
          Tables.INVOICE_LINES,
          Tables.PAYMENTS,
          Tables.CHARTMOGUL_CUSTOMERS,
          Tables.CRM_DEALS,
          Tables.MARKETING_SPEND);

  private MartsPipeline() {}

  public static void main(String[] args) {
    run(PipelineOptionsFactory.fromArgs(args).withValidation().as(MartsOptions.class))
        .waitUntilFinish();
  }

  public static PipelineResult run(MartsOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    RunContext run = RunContext.start(NAME, options, null);
    build(
        pipeline,
        options,
        run,
        Staging.read(pipeline, run.warehouse(), READS::contains),
        pipeline.apply(ReadTable.from(Tables.IDENTITY_MAP, run.warehouse())),
        rowsReadApart(pipeline, run.warehouse()));
    return RunLedger.run(pipeline, run, options);
  }

  /**
   * The big staging tables whose rows read are counted from a read of their own on DuckDB: each
   * day's rows ({@link ReadTable#distinctWithCounts} of event_date, a few hundred rows), not every
   * row. On the embedded Flink runner a step's output crosses to each consumer serialized, so
   * counting events_web's 2M rows (demo scale 10) where the marts read them encoded and decoded
   * every row once more; DuckDB counts them in its GROUP BY instead. On BigQuery (Dataflow fuses a
   * step with its consumers, and a distinct read would read every row again) they are counted from
   * the rows themselves.
   */
  static Map<TableDef, PCollection<Row>> rowsReadApart(Pipeline pipeline, Warehouse warehouse) {
    Map<TableDef, PCollection<Row>> counted = new LinkedHashMap<>();
    if (warehouse.kind() == Warehouse.Kind.DUCKDB) {
      for (TableDef t : List.of(Tables.EVENTS_WEB, Tables.EVENTS_PRODUCT)) {
        counted.put(
            t,
            pipeline.apply(
                "Rows of " + t.name() + " per day",
                ReadTable.from(t, warehouse).columns("event_date").distinctWithCounts()));
      }
    }
    return counted;
  }

  /** The last day the marts cover: --asOf, else yesterday (UTC). */
  static LocalDate asOf(MartsOptions options) {
    String s = options.getAsOf();
    if (s == null || s.isBlank()) {
      return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
    try {
      return LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--asOf='" + s + "' is not a date: use YYYY-MM-DD, e.g. --asOf=2026-10-31", e);
    }
  }

  /**
   * Builds the marts from {@code staging} and {@code identityMap} (read from the warehouse, or
   * given by a test).
   */
  public static void build(
      Pipeline pipeline,
      MartsOptions options,
      RunContext run,
      Staging raw,
      PCollection<Row> identityMap) {
    build(pipeline, options, run, raw, identityMap, Map.of());
  }

  /**
   * As above; the rows read of the tables in {@code rowsReadApart} are counted from those
   * collections (a distinct-with-counts read of the same table, {@link #rowsReadApart}), not from
   * the rows the marts read.
   */
  static void build(
      Pipeline pipeline,
      MartsOptions options,
      RunContext run,
      Staging raw,
      PCollection<Row> identityMap,
      Map<TableDef, PCollection<Row>> rowsReadApart) {
    LocalDate asOf = asOf(options);
    Staging staging =
        InternalAccounts.exclude(raw, InternalAccounts.parseDomains(options.getInternalDomains()));
    IdentityMapping identity = IdentityMapping.of(identityMap);

    PCollection<Row> payments =
        upTo(asOf, "Payments up to as-of", staging.get(Tables.PAYMENTS), "attempted_date");
    PCollection<KV<String, Long>> firstPaidByCustomer = FirstPayments.byCustomer(payments);
    PCollectionView<Map<String, Long>> firstPaidByCompany =
        FirstPayments.byCompany(firstPaidByCustomer, identity.lookup);
    PCollectionView<Map<String, Iterable<Long>>> subscriptionStartsByCompany =
        FirstPayments.subscriptionStartsByCompany(
            payments, staging.get(Tables.INVOICES), identity.lookup);

    PCollection<Row> events =
        upTo(asOf, "Product events up to as-of", staging.get(Tables.EVENTS_PRODUCT), "event_date");
    // sessions_web: written as a mart and the sessions every lead is attributed from.
    PCollection<Row> sessionsWeb =
        staging.get(Tables.EVENTS_WEB).apply("sessions_web", SessionsWeb.of(asOf, identity.lookup));
    PCollection<Row> factLead =
        LeadFacts.build(
            staging.get(Tables.LEADS),
            staging.get(Tables.LEAD_SCORING_RUNS),
            QUALIFICATION_THRESHOLD,
            identity.lookup,
            firstPaidByCompany,
            LeadClicks.byPerson(sessionsWeb));
    PCollectionTuple usage = ProductFacts.usage(events, identity.lookup, run);
    PCollectionView<Map<String, FirstTouch.Touch>> firstTouch =
        FirstTouch.byCompany(staging.get(Tables.EVENTS_WEB), identity.lookup);
    PCollectionView<Map<String, Row>> firstLead = Dimensions.firstLeadByCompany(factLead);
    PCollection<Row> factTrial =
        ProductFacts.trials(
            staging.get(Tables.COMPANIES),
            events,
            PARAMS,
            identity.lookup,
            subscriptionStartsByCompany,
            firstLead,
            firstTouch);

    // Revenue: invoice-driven MRR history, movements, subscription days, cohorts, per-customer
    // state.
    PCollectionView<Map<String, String>> companyByCustomer =
        CustomerJourney.companyByCustomer(staging.get(Tables.CUSTOMERS), identity.lookup);
    RevenueSettings settings =
        RevenueSettings.of(
            asOf,
            options.getReportingCurrency(),
            options.getFxRates(),
            options.getFxRatesCsv(),
            options.getPastDueAutoChurnDays());
    PCollectionTuple revenue =
        ComputeRevenue.inputs(
                staging.get(Tables.INVOICE_LINES),
                staging.get(Tables.INVOICES),
                staging.get(Tables.SUBSCRIPTIONS),
                staging.get(Tables.SUBSCRIPTION_ITEMS),
                staging.get(Tables.CUSTOMERS))
            .apply("Revenue", ComputeRevenue.of(settings, run).withCompanyIds(companyByCustomer));
    PCollection<Row> dimCustomer =
        CustomerJourney.build(
            revenue.get(ComputeRevenue.CUSTOMER_SUMMARY),
            companyByCustomer,
            firstTouch,
            firstLead,
            CustomerJourney.firstTrialByCompany(factTrial),
            PricePlans.byPrice(staging.get(Tables.SUBSCRIPTION_ITEMS)));
    PCollection<KV<String, Long>> mrrByCompany =
        KeyedRows.by(
            "MRR by company",
            dimCustomer,
            "company_id",
            r -> true,
            r -> r.getInt64("mrr_cents"),
            VarLongCoder.of());
    PCollection<Row> dimCompany =
        Dimensions.companies(
            staging.get(Tables.COMPANIES),
            staging.get(Tables.VISITOR_ENRICHMENT),
            identity.identityMap,
            mrrByCompany,
            firstPaidByCompany,
            identity.lookup);
    PCollection<Row> dimUser = Dimensions.users(staging.get(Tables.USERS), identity.lookup);

    // Metrics from the facts, defined once in the dictionary; XmR signals over the monthly series.
    PCollectionTuple metrics =
        PCollectionTuple.of(ComputeMetrics.FACT_REVENUE, revenue.get(ComputeRevenue.FACT_REVENUE))
            .and(ComputeMetrics.DIM_CUSTOMER, dimCustomer)
            .and(ComputeMetrics.DIM_COMPANY, dimCompany)
            .and(ComputeMetrics.FACT_TRIAL, factTrial)
            .and(ComputeMetrics.FACT_LEAD, factLead)
            .and(ComputeMetrics.FACT_USAGE, usage.get(ProductFacts.ROWS))
            .and(ComputeMetrics.PAYMENTS, payments)
            .and(ComputeMetrics.CRM_DEALS, staging.get(Tables.CRM_DEALS))
            .and(ComputeMetrics.INVOICE_LINES, staging.get(Tables.INVOICE_LINES))
            .and(ComputeMetrics.INVOICES, staging.get(Tables.INVOICES))
            .apply(
                "Metrics",
                ComputeMetrics.asOf(asOf, PARAMS, settings.reportingCurrency(), settings.fx()));

    // Churn-risk and expansion signals per paying company and week (AccountSignalRules).
    PCollection<KV<String, AccountSignalRules.UserDay>> activeUsers =
        IdentityMapping.withCompany(
            "Active users by company",
            events.apply(
                "Product events with a user", Filter.by((Row r) -> r.getString("user_id") != null)),
            identity.lookup,
            IdentifierTypes.ACCOUNT_ID,
            (Row r) -> r.getString("account_id"),
            (r, company) ->
                KV.of(
                    company,
                    new AccountSignalRules.UserDay(
                        r.<LocalDate>getValue("event_date"), r.getString("user_id"))),
            AccountSignals.activeUserCoder());
    PCollection<Row> accountSignals =
        PCollectionTuple.of(
                AccountSignals.SUBSCRIPTION_DAYS, revenue.get(ComputeRevenue.FACT_SUBSCRIPTION))
            .and(AccountSignals.USAGE, usage.get(ProductFacts.ROWS))
            .and(AccountSignals.INVOICE_LINES, staging.get(Tables.INVOICE_LINES))
            .and(AccountSignals.PAYMENTS, payments)
            .apply(
                "Account signals",
                AccountSignals.of(
                    PARAMS.activationCoreFeatures(), asOf, activeUsers, companyByCustomer));
    // Marketing efficiency per channel: spend (converted with the revenue's FX rule) over the
    // customers, trials and new MRR it bought; rows join metric_monthly.
    PCollection<Row> marketing =
        PCollectionTuple.of(MarketingMetrics.MARKETING_SPEND, staging.get(Tables.MARKETING_SPEND))
            .and(MarketingMetrics.FACT_REVENUE, revenue.get(ComputeRevenue.FACT_REVENUE))
            .and(MarketingMetrics.DIM_CUSTOMER, dimCustomer)
            .and(MarketingMetrics.FACT_TRIAL, factTrial)
            .apply(
                "Marketing metrics",
                MarketingMetrics.asOf(asOf, settings.reportingCurrency(), settings.fx()));

    PCollection<Row> deadLetters =
        PCollectionList.of(usage.get(ProductFacts.DEAD_LETTERS))
            .and(revenue.get(ComputeRevenue.DEAD_LETTERS))
            .apply("All dead letters", Flatten.pCollections());

    // Rows read: one sum over every table read (Counts.ofAll), not one per table.
    Map<String, PCollection<Row>> read = new LinkedHashMap<>();
    for (TableDef t :
        List.of(
            Tables.EVENTS_WEB,
            Tables.EVENTS_PRODUCT,
            Tables.COMPANIES,
            Tables.USERS,
            Tables.LEADS,
            Tables.LEAD_SCORING_RUNS,
            Tables.CUSTOMERS,
            Tables.PAYMENTS,
            Tables.CHARTMOGUL_CUSTOMERS,
            Tables.CRM_DEALS,
            Tables.MARKETING_SPEND)) {
      read.put(t.name() + " read", rowsReadApart.getOrDefault(t, raw.get(t)));
    }
    read.put(Tables.IDENTITY_MAP.name() + " read", identityMap);
    RunAudit audit =
        RunAudit.ofAggregation(run).read(Counts.ofAll(read, "rows read", ReadTable::rowsIn));
    Map<TableDef, PCollection<Row>> marts = new LinkedHashMap<>();
    marts.put(Tables.DIM_COMPANY, dimCompany);
    marts.put(Tables.DIM_USER, dimUser);
    marts.put(Tables.FACT_USAGE, usage.get(ProductFacts.ROWS));
    marts.put(Tables.ACCOUNT_SIGNALS, accountSignals);
    marts.put(Tables.FACT_LEAD, factLead);
    marts.put(Tables.FACT_TRIAL, factTrial);
    marts.put(Tables.FACT_WEB_VISITORS, WebVisitors.monthly(staging.get(Tables.EVENTS_WEB), asOf));
    marts.put(Tables.SESSIONS_WEB, sessionsWeb);
    marts.put(Tables.DIM_CUSTOMER, dimCustomer);
    marts.put(Tables.FACT_REVENUE, revenue.get(ComputeRevenue.FACT_REVENUE));
    marts.put(Tables.FACT_SUBSCRIPTION, revenue.get(ComputeRevenue.FACT_SUBSCRIPTION));
    marts.put(Tables.FACT_COHORT_RETENTION, revenue.get(ComputeRevenue.FACT_COHORT_RETENTION));
    marts.put(Tables.METRIC_DAILY, metrics.get(ComputeMetrics.METRIC_DAILY));
    marts.put(
        Tables.METRIC_MONTHLY,
        PCollectionList.of(metrics.get(ComputeMetrics.METRIC_MONTHLY))
            .and(marketing)
            .apply("Monthly metrics", Flatten.pCollections()));
    marts.put(Tables.METRIC_XMR, metrics.get(ComputeMetrics.METRIC_XMR));
    marts.forEach((t, rows) -> audit.written(t, rows.apply(WriteTable.to(t, run.warehouse()))));
    audit
        .deadLettered(deadLetters.apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse())))
        .record();
  }

  /** The rows whose date column is on or before the as-of date. */
  private static PCollection<Row> upTo(
      LocalDate asOf, String name, PCollection<Row> rows, String dateColumn) {
    return rows.apply(name, Filter.by((Row r) -> !r.<LocalDate>getValue(dateColumn).isAfter(asOf)));
  }
}
