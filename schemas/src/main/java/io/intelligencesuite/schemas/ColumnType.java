package io.intelligencesuite.schemas;

import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The column types the warehouse uses. Each maps to exactly one Beam field type; the BigQuery and
 * DuckDB types follow from that (BigQuery through {@code BigQueryUtils}), so a type is never
 * written down twice.
 */
public enum ColumnType {
  STRING(FieldType.STRING, "VARCHAR"),
  INT64(FieldType.INT64, "BIGINT"),
  FLOAT64(FieldType.DOUBLE, "DOUBLE"),
  BOOL(FieldType.BOOLEAN, "BOOLEAN"),
  /** A calendar date (java.time.LocalDate in rows). */
  DATE(FieldType.logicalType(SqlTypes.DATE), "DATE"),
  /** An instant in UTC (Joda Instant in Beam rows); BigQuery TIMESTAMP. */
  TIMESTAMP(FieldType.DATETIME, "TIMESTAMP"),
  /**
   * JSON text. Stored as STRING on both warehouses: BigQuery load jobs and DuckDB's core (without
   * the json extension, which would need a download) both take it as text; query it with JSON_VALUE
   * / json_extract.
   */
  JSON(FieldType.STRING, "VARCHAR");

  private final FieldType beamType;
  private final String duckDbType;

  ColumnType(FieldType beamType, String duckDbType) {
    this.beamType = beamType;
    this.duckDbType = duckDbType;
  }

  public FieldType beamType() {
    return beamType;
  }

  public String duckDbType() {
    return duckDbType;
  }

  public boolean isTemporal() {
    return this == DATE || this == TIMESTAMP;
  }
}
