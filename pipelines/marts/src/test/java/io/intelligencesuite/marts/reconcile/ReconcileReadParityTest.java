package io.intelligencesuite.marts.reconcile;

import static io.intelligencesuite.marts.reconcile.ReconcileTest.account;
import static io.intelligencesuite.marts.reconcile.ReconcileTest.activity;
import static io.intelligencesuite.marts.reconcile.ReconcileTest.revenue;
import static io.intelligencesuite.marts.reconcile.ReconcileTest.subscription;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Reconcile reads the same inputs from BigQuery as from DuckDB. One fixture (ReconcileTest's
 * customers: cus_1's ChartMogul missed a March expansion and its backend plan lags Stripe; cus_2
 * agrees) is written to a DuckDB file and, row for row, to Beam's fake BigQuery dataset. The launch
 * reads (inputs present, the default --asOf) go through the BigQuery WarehouseReader over {@link
 * DuckDbBigQueryCalls} (the SQL sent to BigQuery, run on the same fixture); the rows go through
 * ReadTable with Beam's fake BigQuery services. Both pipelines' reconciliation rows are compared
 * row for row.
 *
 * <p>What this cannot show: BigQuery's own SQL semantics and types (DuckDB answers the launch
 * queries), the Storage Read API that ReadTable uses on Dataflow (Beam's fakes serve the export
 * path instead), quotas and credentials. Nothing here ran on Google Cloud.
 */
public class ReconcileReadParityTest {
  private static final Warehouse BIGQUERY = Warehouse.parse("bigquery:my-project.analytics");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery("my-project", "analytics");
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private Warehouse duckDb;
  private WarehouseReader onDuckDb;
  private WarehouseReader onBigQuery;

  private static Map<TableDef, List<Row>> fixture() {
    Map<TableDef, List<Row>> rows = new LinkedHashMap<>();
    rows.put(
        Tables.FACT_REVENUE,
        List.of(
            revenue("cus_1", "2026-01-05", "new", 10_000),
            revenue("cus_1", "2026-03-03", "expansion", 3_500),
            revenue("cus_2", "2026-02-01", "new", 5_000)));
    rows.put(
        Tables.CHARTMOGUL_ACTIVITIES,
        List.of(activity("cus_1", "2026-01-05", 10_000), activity("cus_2", "2026-02-01", 5_000)));
    rows.put(
        Tables.SUBSCRIPTIONS,
        List.of(
            subscription("stripe", "cus_1", "active", "price_pro_month_usd"),
            subscription("stripe", "cus_2", "active", "price_starter_month_usd")));
    rows.put(
        Tables.COMPANIES,
        List.of(
            account("1001", "cus_1", "growth", "active"),
            account("1002", "cus_2", "starter", "active")));
    return rows;
  }

  @Before
  public void setUp() throws Exception {
    duckDb = Warehouse.parse("duckdb:" + tmp.getRoot().toPath().resolve("w.duckdb"));
    DuckDbQueries db = new DuckDbQueries(duckDb);
    for (Map.Entry<TableDef, List<Row>> t : fixture().entrySet()) {
      db.append(t.getKey(), t.getValue());
      TableReference ref =
          new TableReference()
              .setProjectId(BIGQUERY.bigQueryProject())
              .setDatasetId(BIGQUERY.bigQueryDataset())
              .setTableId(t.getKey().name());
      bigQuery.datasets.createTable(
          new Table().setTableReference(ref).setSchema(BigQueryTables.schema(t.getKey())));
      List<TableRow> rows = new ArrayList<>();
      for (Row r : t.getValue()) {
        rows.add(extractable(t.getKey(), r));
      }
      bigQuery.datasets.insertAll(ref, rows, null);
    }
    onDuckDb = new DuckDbWarehouseReader(duckDb);
    onBigQuery =
        new BigQueryWarehouseReader(BIGQUERY, new DuckDbBigQueryCalls(BIGQUERY, duckDb, 1));
  }

  /**
   * A row as Beam's fake extract job writes it to Avro: typed values (BigQueryUtils.toTableRow's
   * JSON strings are what the streaming API takes, not what the fake's Avro writer casts), DATE as
   * text and TIMESTAMP as epoch microseconds, as BigQuery's Avro export does without logical types.
   */
  private static TableRow extractable(TableDef table, Row row) {
    TableRow out = new TableRow();
    for (Column c : table.columns()) {
      Object v = row.getValue(c.name());
      if (v instanceof org.joda.time.ReadableInstant t) {
        v = t.getMillis() * 1000;
      } else if (v instanceof LocalDate d) {
        v = d.toString();
      }
      out.set(c.name(), v);
    }
    return out;
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(duckDb.duckDbPath());
  }

  @Test
  public void theDefaultAsOfIsTheNewestMovementOnBothWarehouses() throws Exception {
    // fact_revenue's newest movement is 2026-03-03, ChartMogul's 2026-02-01.
    assertEquals(LocalDate.of(2026, 3, 3), ReconcilePipeline.asOf(null, onDuckDb));
    assertEquals(LocalDate.of(2026, 3, 3), ReconcilePipeline.asOf(null, onBigQuery));
    assertEquals(LocalDate.of(2026, 4, 30), ReconcilePipeline.asOf("2026-04-30", onBigQuery));
  }

  @Test
  public void aMissingInputIsNamedWithTheCommandThatFillsIt() throws Exception {
    new DuckDbQueries(duckDb).execute("DROP TABLE companies");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReconcilePipeline.reconcile(p, BIGQUERY, onBigQuery, null, r -> r));
    assertEquals(
        "reconcile needs companies, which is missing from bigquery:my-project.analytics: run"
            + " ./suite run backend (or ./suite demo) first",
        e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void bothWarehousesGiveTheSameReconciliationRows() throws Exception {
    p.getOptions().setTempLocation(tmp.newFolder("bq-temp").getAbsolutePath());
    p.getOptions().as(GcpOptions.class).setProject(BIGQUERY.bigQueryProject());
    // Both warehouses' reads in one test pipeline, so their steps share names.
    p.getOptions().setStableUniqueNames(PipelineOptions.CheckEnabled.OFF);
    PCollection<Row> fromDuckDb = ReconcilePipeline.reconcile(p, duckDb, onDuckDb, null, r -> r);
    PCollection<Row> fromBigQuery =
        ReconcilePipeline.reconcile(
            p, BIGQUERY, onBigQuery, null, r -> r.withBigQueryServices(bigQuery.services));
    // Each row keyed by all its values, labelled with its warehouse: every row must be found once
    // on each side. By hand: cus_1's March MRR (Stripe 13,500 vs ChartMogul 10,000) and its plan
    // (Stripe pro vs backend growth): 2 rows.
    PCollection<KV<String, Iterable<String>>> sides =
        PCollectionList.of(labelled(fromDuckDb, "duckdb"))
            .and(labelled(fromBigQuery, "bigquery"))
            .apply(Flatten.pCollections())
            .apply(GroupByKey.create());
    PAssert.that(sides)
        .satisfies(
            grouped -> {
              int rows = 0;
              for (KV<String, Iterable<String>> row : grouped) {
                List<String> where = new ArrayList<>();
                row.getValue().forEach(where::add);
                where.sort(null);
                assertEquals(row.getKey(), List.of("bigquery", "duckdb"), where);
                rows++;
              }
              assertEquals(2, rows);
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static PCollection<KV<String, String>> labelled(PCollection<Row> rows, String side) {
    return rows.apply(
            "Label " + side,
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(r -> KV.of(r.getValues().toString(), side)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }
}
