package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * {@code ./suite reconcile}: reads fact_revenue, chartmogul_activities, subscriptions and companies
 * from the embedded warehouse, applies {@link Reconcile}, and replaces {@code reconciliation}. It
 * runs on the embedded warehouse only: its inputs are read with DuckDB at launch and it refuses
 * {@code --warehouse=bigquery:...}. Nothing runs {@link Reconcile} on Dataflow yet; it is not a
 * flex template.
 */
public final class ReconcilePipeline {
  public static final String NAME = PipelineNames.RECONCILE;

  /** Each input, the table it reads and the command that fills that table. */
  private static final Map<TupleTag<org.apache.beam.sdk.values.Row>, TableDef> INPUTS =
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
    if (warehouse.kind() != Warehouse.Kind.DUCKDB) {
      throw new IllegalArgumentException(
          "./suite reconcile reads the embedded warehouse only (--warehouse=duckdb:PATH); "
              + "reconciling on BigQuery is not built yet.");
    }
    DuckDbQueries db = new DuckDbQueries(warehouse);
    for (TableDef t : INPUTS.values()) {
      if (!exists(db, t.name())) {
        throw new IllegalArgumentException(
            "reconcile needs "
                + t.name()
                + ", which is missing from "
                + warehouse.duckDbPath()
                + ": run "
                + FILLED_BY.get(t.name())
                + " (or ./suite demo) first");
      }
    }
    LocalDate asOf = asOf(options.getAsOf(), db);
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple inputs = PCollectionTuple.empty(pipeline);
    for (Map.Entry<TupleTag<org.apache.beam.sdk.values.Row>, TableDef> in : INPUTS.entrySet()) {
      TableDef t = in.getValue();
      inputs =
          inputs.and(
              in.getKey(),
              pipeline.apply(
                  "Read " + t.name(),
                  Create.of(DuckDbTableRows.read(warehouse.duckDbPath(), t))
                      .withRowSchema(t.schema())));
    }
    inputs.apply(Reconcile.asOf(asOf)).apply(WriteTable.to(Tables.RECONCILIATION, warehouse));
    return pipeline.run();
  }

  /** The explicit --asOf, else the newest movement either billing source knows. */
  static LocalDate asOf(String option, DuckDbQueries db) {
    if (option != null && !option.isBlank()) {
      try {
        return LocalDate.parse(option.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--asOf='" + option + "' is not a date; use YYYY-MM-DD, e.g. --asOf=2026-10-31", e);
      }
    }
    try {
      Object newest =
          db.value(
              "SELECT greatest((SELECT max(movement_date) FROM fact_revenue), "
                  + "(SELECT max(activity_date) FROM chartmogul_activities))");
      if (newest == null) {
        throw new IllegalArgumentException(
            "fact_revenue and chartmogul_activities are empty: nothing to reconcile");
      }
      return newest instanceof LocalDate d
          ? d
          : LocalDate.parse(newest.toString().substring(0, 10));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find the newest movement date: " + e.getMessage(), e);
    }
  }

  private static boolean exists(DuckDbQueries db, String table) {
    try {
      return db.tableExists(table);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the warehouse catalog: " + e.getMessage(), e);
    }
  }
}
