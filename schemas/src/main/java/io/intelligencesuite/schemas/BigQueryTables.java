package io.intelligencesuite.schemas;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;

/**
 * BigQuery shapes of a registry table. The column types come from Beam's own {@link
 * BigQueryUtils#toTableSchema} over the table's Beam schema, so they are never hand-written twice.
 */
public final class BigQueryTables {
  private BigQueryTables() {}

  /** Columns with BigQuery types, modes and the registry's descriptions. */
  public static TableSchema schema(TableDef table) {
    TableSchema schema = BigQueryUtils.toTableSchema(table.schema());
    // The converter leaves NULLABLE implicit and may drop descriptions: state both from the
    // registry.
    for (TableFieldSchema field : schema.getFields()) {
      Column column = table.column(field.getName()).orElseThrow();
      field.setMode(column.mode()).setDescription(column.description());
    }
    return schema;
  }

  /** The table's description on BigQuery: what it holds and its grain. */
  public static String description(TableDef table) {
    return table.description() + " Grain: " + table.grain() + ".";
  }

  /** Day partitioning on the table's partition column, or null when it has none. */
  public static TimePartitioning timePartitioning(TableDef table) {
    return table
        .partitionColumn()
        .map(column -> new TimePartitioning().setType("DAY").setField(column))
        .orElse(null);
  }

  /** Clustering on the table's clustering columns, or null when it has none. */
  public static Clustering clustering(TableDef table) {
    return table.clustering().isEmpty() ? null : new Clustering().setFields(table.clustering());
  }
}
