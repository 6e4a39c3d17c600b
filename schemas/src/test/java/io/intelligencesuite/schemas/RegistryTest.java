package io.intelligencesuite.schemas;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;

public class RegistryTest {

  /** A staging table with a description and a grain: what each invalid definition starts from. */
  private static TableDef.Builder broken() {
    return TableDef.builder("broken", Layer.STAGING).description("d").grain("g");
  }

  /** {@link #broken()} with a required {@code id} column as its primary key. */
  private static TableDef.Builder keyedById() {
    return broken().required("id", ColumnType.STRING, "the id").primaryKey("id");
  }

  /** The IllegalStateException that defining (declaring, then building) this table throws. */
  private static IllegalStateException rejected(Supplier<TableDef.Builder> definition) {
    return assertThrows(IllegalStateException.class, () -> definition.get().build());
  }

  @Test
  public void everyTableOfTheDesignContractIsRegistered() {
    List<String> names = Tables.all().stream().map(TableDef::name).collect(Collectors.toList());
    assertThat(
        names,
        hasItems(
            "events_web",
            "events_product",
            "companies",
            "users",
            "leads",
            "lead_scoring_runs",
            "visitor_enrichment",
            "subscriptions",
            "invoices",
            "invoice_lines",
            "payments",
            "identity_map",
            "dim_company",
            "dim_customer",
            "dim_user",
            "fact_subscription",
            "fact_revenue",
            "fact_usage",
            "fact_trial",
            "metric_daily",
            "metric_monthly",
            "metric_xmr",
            "dead_letters",
            "pipeline_runs"));
    assertEquals("table names are unique", names.size(), names.stream().distinct().count());
  }

  @Test
  public void bigQuerySchemaCarriesTypesModesAndDescriptions() {
    TableSchema schema = BigQueryTables.schema(Tables.EVENTS_WEB);
    Map<String, TableFieldSchema> fields =
        schema.getFields().stream().collect(Collectors.toMap(TableFieldSchema::getName, f -> f));
    assertEquals(Tables.EVENTS_WEB.columns().size(), fields.size());
    assertEquals("TIMESTAMP", fields.get("event_ts").getType());
    assertEquals("DATE", fields.get("event_date").getType());
    assertEquals("STRING", fields.get("event_name").getType());
    assertEquals("INT64", fields.get("ga_session_number").getType());
    assertEquals("REQUIRED", fields.get("event_id").getMode());
    assertEquals("NULLABLE", fields.get("user_id").getMode());
    assertThat(fields.get("user_id").getDescription(), containsString("after login"));
    assertEquals(
        "FLOAT64", BigQueryTables.schema(Tables.METRIC_DAILY).getFields().get(3).getType());
    assertEquals(
        "BOOL",
        BigQueryTables.schema(Tables.INVOICE_LINES).getFields().stream()
            .filter(f -> f.getName().equals("is_proration"))
            .findFirst()
            .orElseThrow()
            .getType());
  }

  @Test
  public void bigQueryPartitioningAndClusteringComeFromTheRegistry() {
    assertEquals("DAY", BigQueryTables.timePartitioning(Tables.EVENTS_WEB).getType());
    assertEquals("event_date", BigQueryTables.timePartitioning(Tables.EVENTS_WEB).getField());
    assertEquals(
        List.of("event_name", "user_pseudo_id"),
        BigQueryTables.clustering(Tables.EVENTS_WEB).getFields());
    assertNull(
        "snapshot tables are not partitioned", BigQueryTables.timePartitioning(Tables.USERS));
  }

  @Test
  public void everyColumnIsDescribedAndEveryTableHasGrainAndKey() {
    for (TableDef t : Tables.all()) {
      assertTrue(t + " grain", !t.grain().isBlank());
      assertTrue(t + " key", !t.primaryKey().isEmpty());
      for (Column c : t.columns()) {
        assertTrue(t + "." + c.name(), c.description().length() > 5);
      }
    }
  }

  @Test
  public void invalidDefinitionsAreRejectedWithTheReason() {
    IllegalStateException e =
        rejected(
            () -> keyedById().nullable("day", ColumnType.STRING, "a day").partitionedBy("day"));
    assertThat(e.getMessage(), containsString("partition column 'day'"));
    rejected(() -> broken().nullable("id", ColumnType.STRING, "the id").primaryKey("id"));
    assertThrows(IllegalArgumentException.class, () -> Tables.named("no_such_table"));
  }

  @Test
  public void relationshipsPointAtRegisteredKeysAndEveryLoadedTableHasItsPipeline() {
    for (TableDef t : Tables.all()) {
      for (Relationship r : t.relationships()) {
        TableDef target = Tables.named(r.toTable());
        assertTrue(
            t + "." + r.column() + " -> " + r.toTable() + "." + r.toColumn(),
            target.column(r.toColumn()).isPresent());
      }
      if (t.layer() == Layer.STAGING) {
        assertTrue(t + " has freshness thresholds", t.freshness().isPresent());
      }
      assertEquals(
          t + " is loaded by a pipeline unless it is an ops table",
          t.layer() == Layer.OPS,
          t.loadedBy().isEmpty());
    }
    assertEquals(
        List.of("new", "expansion", "contraction", "churn", "reactivation", "fx"),
        Tables.FACT_REVENUE.column("movement_type").orElseThrow().acceptedValues().values());
  }

  @Test
  public void dataTestMetadataIsValidated() {
    rejected(() -> keyedById().acceptedValues("nope", Severity.ERROR, "a"));
    IllegalArgumentException quote =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AcceptedValues(List.of("it's"), Severity.ERROR));
    assertThat(quote.getMessage(), containsString("it's"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Freshness.hours(48, 24, "error before warn is a mistake"));
    IllegalStateException noLoader =
        rejected(() -> keyedById().freshness(Freshness.hours(1, 2, "test")));
    assertThat(noLoader.getMessage(), containsString("loadedBy"));
  }

  @Test
  public void rowsOfAnotherSchemaAreRejectedNamingTheTableAndBothSchemas() {
    Tables.METRIC_DAILY.requireSchema(Tables.METRIC_DAILY.schema(), "metric rows"); // passes
    // metric_monthly has the same columns but month for date: one renamed column is enough.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tables.METRIC_DAILY.requireSchema(Tables.METRIC_MONTHLY.schema(), "metric rows"));
    assertThat(
        e.getMessage(),
        containsString("metric rows must have the registry schema of metric_daily"));
    assertThat(e.getMessage(), containsString("month"));
    Schema oneColumn = Schema.builder().addStringField("metric").build();
    assertThrows(
        IllegalArgumentException.class,
        () -> Tables.METRIC_DAILY.requireSchema(oneColumn, "metric rows"));
  }

  @Test
  public void duckDbDdlRunsOnAnEmbeddedDuckDb() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(GeneratedFiles.duckDbDdl());
      try (ResultSet rs =
          s.executeQuery(
              "select count(*) from duckdb_tables() where table_name = 'events_web' and comment like '%GA4%'")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
      try (ResultSet rs =
          s.executeQuery(
              "select data_type, is_nullable from information_schema.columns "
                  + "where table_name = 'events_web' and column_name = 'event_ts'")) {
        rs.next();
        assertThat(rs.getString(1), containsString("TIMESTAMP"));
        assertEquals("NO", rs.getString(2));
      }
    }
  }
}
