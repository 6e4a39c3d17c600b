package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.TableReference;
import io.intelligencesuite.schemas.TableDef;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.PipelineOptions;
import org.duckdb.DuckDBConnection;

/**
 * A few SQL statements on one registry table, run from the launcher outside any pipeline (the run
 * ledger's {@code running} / {@code failed} rows): the table is created from the registry if
 * missing, {@value #TABLE} in the statements becomes its reference on the warehouse (DuckDB: the
 * name; BigQuery: {@code `project.dataset.table`}, run as one query job). Statements must be valid
 * in both dialects.
 */
public final class TableStatements {
  /** Placeholder for the table's reference in the statements. */
  public static final String TABLE = "{table}";

  private TableStatements() {}

  public static void run(
      Warehouse warehouse, TableDef table, String statements, PipelineOptions options)
      throws IOException, InterruptedException {
    switch (warehouse.kind()) {
      case DUCKDB:
        runOnDuckDb(warehouse.duckDbPath(), table, statements);
        return;
      case BIGQUERY:
        TableReference ref =
            BigQuerySink.reference(
                warehouse.bigQueryProject(), warehouse.bigQueryDataset(), table.name());
        BigQueryServices services = new BigQueryServicesImpl();
        BigQueryScripts scripts = BigQueryScripts.jobs(services);
        try (DatasetService tables =
            services.getDatasetService(options.as(BigQueryOptions.class))) {
          BigQuerySink.ensureTable(tables, scripts, table, ref, options);
        } catch (IOException | InterruptedException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException("Closing the BigQuery dataset service", e);
        }
        scripts.run(
            warehouse.bigQueryProject(),
            statements.replace(TABLE, BigQuerySink.quoted(ref)),
            options);
        return;
      default:
        throw new IllegalStateException("Unknown warehouse " + warehouse);
    }
  }

  private static void runOnDuckDb(String path, TableDef table, String statements)
      throws IOException {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement()) {
      synchronized (DuckDbConnections.ddlLock(path)) {
        DuckDbSchema.ensure(c, s, table, path);
      }
      s.execute(statements.replace(TABLE, table.name()));
    } catch (SQLException e) {
      throw new IOException(
          DuckDbFaults.check(path, "writing " + table.name() + " from the launcher", e));
    }
  }

  /**
   * A SQL string literal. Values with a quote or backslash are refused rather than escaped, since
   * DuckDB and BigQuery escape them differently; run ids and names never need them.
   */
  public static String literal(String value) {
    if (value.indexOf('\'') >= 0 || value.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' contains a quote or backslash; use letters, digits and - _ . : / (e.g. --runId)");
    }
    return "'" + value + "'";
  }
}
