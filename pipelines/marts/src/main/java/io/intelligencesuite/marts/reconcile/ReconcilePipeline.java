package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * {@code ./suite reconcile} and the {@code reconcile} flex template: reads fact_revenue,
 * chartmogul_activities, subscriptions and companies from the warehouse {@code --warehouse} names
 * (DuckDB or BigQuery, through {@link ReadTable}), applies {@link Reconcile}, and replaces {@code
 * reconciliation}. At launch it checks that every input exists and finds the default {@code --asOf}
 * through a {@link WarehouseReader}, so both warehouses answer the same SQL.
 */
public final class ReconcilePipeline {
  public static final String NAME = PipelineNames.RECONCILE;

  /** Each input, the table it reads and the command that fills that table. */
  private static final Map<TupleTag<Row>, TableDef> INPUTS =
      Map.of(
          Reconcile.FACT_REVENUE, Tables.FACT_REVENUE,
          Reconcile.CHARTMOGUL_ACTIVITIES, Tables.CHARTMOGUL_ACTIVITIES,
          Reconcile.SUBSCRIPTIONS, Tables.SUBSCRIPTIONS,
          Reconcile.COMPANIES, Tables.COMPANIES);

  private static final Map<String, String> FILLED_BY =
      Map.of(
          "fact_revenue",
          "./suite run marts",
          "chartmogul_activities",
          "./suite run chartmogul",
          "subscriptions",
          "./suite run stripe",
          "companies",
          "./suite run backend");

  private ReconcilePipeline() {}

  public static void main(String[] args) {
    run(PipelineOptionsFactory.fromArgs(args).withValidation().as(ReconcileOptions.class))
        .waitUntilFinish();
  }

  public static PipelineResult run(ReconcileOptions options) {
    Warehouse warehouse = Warehouse.parse(options.getWarehouse());
    try {
      Pipeline pipeline = Pipeline.create(options);
      reconcile(pipeline, warehouse, WarehouseReader.open(warehouse), options.getAsOf(), r -> r)
          .apply(WriteTable.to(Tables.RECONCILIATION, warehouse));
      return pipeline.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * The reconciliation rows of the warehouse: inputs checked and {@code asOf} found through {@code
   * reader}, rows read with {@link ReadTable} ({@code read} lets a test hand it fake BigQuery
   * services).
   */
  public static PCollection<Row> reconcile(
      Pipeline pipeline,
      Warehouse warehouse,
      WarehouseReader reader,
      String asOfOption,
      UnaryOperator<ReadTable> read)
      throws IOException {
    for (TableDef t : INPUTS.values()) {
      if (!reader.tableExists(t.name())) {
        throw new IllegalArgumentException(
            "reconcile needs "
                + t.name()
                + ", which is missing from "
                + warehouse
                + ": run "
                + FILLED_BY.get(t.name())
                + " (or ./suite demo) first");
      }
    }
    LocalDate asOf = asOf(asOfOption, reader);
    PCollectionTuple inputs = PCollectionTuple.empty(pipeline);
    for (Map.Entry<TupleTag<Row>, TableDef> in : INPUTS.entrySet()) {
      inputs =
          inputs.and(
              in.getKey(), pipeline.apply(read.apply(ReadTable.from(in.getValue(), warehouse))));
    }
    return inputs.apply(Reconcile.asOf(asOf));
  }

  /** The disagreements per check after a run, as CSV lines with a header: the CLI's summary. */
  public static String disagreementsByCheck(WarehouseReader reader) throws IOException {
    StringBuilder csv = new StringBuilder("check_name,disagreements\n");
    for (Map<String, Object> row :
        reader.rows(
            "SELECT check_name, count(*) AS disagreements FROM "
                + reader.table(Tables.RECONCILIATION.name())
                + " GROUP BY check_name ORDER BY check_name")) {
      csv.append(row.get("check_name")).append(',').append(row.get("disagreements")).append('\n');
    }
    return csv.toString();
  }

  /** The explicit --asOf, else the newest movement either billing source knows. */
  static LocalDate asOf(String option, WarehouseReader reader) throws IOException {
    if (option != null && !option.isBlank()) {
      try {
        return LocalDate.parse(option.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--asOf='" + option + "' is not a date; use YYYY-MM-DD, e.g. --asOf=2026-10-31", e);
      }
    }
    // max over a UNION ALL, not GREATEST: BigQuery's GREATEST is NULL when either side is
    // (an empty table), DuckDB's skips it; max skips NULLs on both.
    List<Map<String, Object>> newest =
        reader.rows(
            ("SELECT max(d) AS newest FROM (SELECT max(movement_date) AS d FROM %s"
                    + " UNION ALL SELECT max(activity_date) AS d FROM %s) AS both_sources")
                .formatted(
                    reader.table(Tables.FACT_REVENUE.name()),
                    reader.table(Tables.CHARTMOGUL_ACTIVITIES.name())));
    Object d = newest.isEmpty() ? null : newest.get(0).get("newest");
    if (d == null) {
      throw new IllegalArgumentException(
          "fact_revenue and chartmogul_activities are empty: nothing to reconcile");
    }
    return (LocalDate) d;
  }
}
