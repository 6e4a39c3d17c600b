package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link WarehouseReader} over BigQuery: tables.get for existence, {@link BigQueryQuery} for rows
 * (every page), table names qualified with the warehouse's project and dataset.
 */
public final class BigQueryWarehouseReader implements WarehouseReader {
  private final Warehouse warehouse;
  private final BigQueryQuery query;

  public BigQueryWarehouseReader(Warehouse warehouse, BigQueryCalls calls) {
    this.warehouse = warehouse;
    this.query = new BigQueryQuery(warehouse, calls);
  }

  @Override
  public boolean tableExists(String table) throws IOException {
    return query.tableExists(table);
  }

  @Override
  public String table(String name) {
    return "`" + warehouse.bigQueryProject() + "." + warehouse.bigQueryDataset() + "." + name + "`";
  }

  @Override
  public List<Map<String, Object>> rows(String sql) throws IOException {
    BigQueryQuery.Result result;
    try {
      result = query.run(sql, Long.MAX_VALUE);
    } catch (IOException e) {
      throw new IOException(
          "Query failed on " + warehouse + ": " + e.getMessage() + "\nSQL: " + sql, e);
    }
    List<String> labels = result.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<Object> values : result.rows()) {
      Map<String, Object> row = new HashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        row.put(labels.get(i), values.get(i));
      }
      out.add(row);
    }
    return out;
  }
}
