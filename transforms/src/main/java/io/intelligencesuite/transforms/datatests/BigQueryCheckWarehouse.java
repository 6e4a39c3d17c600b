package io.intelligencesuite.transforms.datatests;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableReference;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.values.Row;

/**
 * The data tests on BigQuery: each test's SQL through jobs.query with the warehouse's dataset as
 * the default dataset (so the same unqualified SQL runs on DuckDB), standard SQL, and only the
 * sample's rows fetched (totalRows gives the count), through {@link BigQueryQuery}. A test query
 * that runs longer than {@link BigQueryQuery#GIVE_UP_MS} is reported as could-not-run. Results are
 * appended with a streaming insert (insertAll), keyed by run and test so a retried insert does not
 * duplicate them.
 */
public final class BigQueryCheckWarehouse implements CheckWarehouse {
  private final BigQueryCalls calls;
  private final BigQueryQuery query;

  public BigQueryCheckWarehouse(Warehouse warehouse, BigQueryCalls calls) {
    this.calls = calls;
    this.query = new BigQueryQuery(warehouse, calls);
  }

  @Override
  public boolean tableExists(String table) throws IOException {
    return query.tableExists(table);
  }

  @Override
  public FailingRows failingRows(String sql, int sampleSize) throws IOException {
    BigQueryQuery.Result result = query.run(sql, sampleSize);
    return new FailingRows(result.totalRows(), result.columns(), result.rows());
  }

  @Override
  public void append(TableDef table, List<Row> rows) throws IOException {
    TableReference ref = query.reference(table.name());
    if (!calls.tableExists(ref)) {
      calls.createTable(
          new Table()
              .setTableReference(ref)
              .setDescription(table.description() + " Grain: " + table.grain() + ".")
              .setSchema(BigQueryTables.schema(table))
              .setTimePartitioning(BigQueryTables.timePartitioning(table))
              .setClustering(BigQueryTables.clustering(table)));
    }
    List<TableDataInsertAllRequest.Rows> insert = new ArrayList<>();
    for (Row row : rows) {
      insert.add(
          new TableDataInsertAllRequest.Rows()
              .setInsertId(insertId(table, row))
              .setJson(BigQueryUtils.toTableRow(row)));
    }
    TableDataInsertAllResponse response =
        calls.insertAll(ref, new TableDataInsertAllRequest().setRows(insert));
    if (response.getInsertErrors() != null && !response.getInsertErrors().isEmpty()) {
      throw new IOException(
          "BigQuery rejected "
              + response.getInsertErrors().size()
              + " rows of "
              + table.name()
              + ", first: "
              + response.getInsertErrors().get(0));
    }
  }

  /** The row's primary key, so BigQuery's best-effort dedup drops a retried insert. */
  private static String insertId(TableDef table, Row row) {
    List<String> key = new ArrayList<>();
    for (String column : table.primaryKey()) {
      key.add(String.valueOf((Object) row.getValue(column)));
    }
    return String.join("|", key);
  }
}
