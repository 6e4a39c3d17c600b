package io.intelligencesuite.schemas;

import java.util.Objects;

/**
 * One column of a warehouse table: name, type, whether it is required, what it means, and the data
 * tests it carries beyond its type: the values it accepts (null when any value is fine) and whether
 * it must be non-negative (money, counts).
 */
public record Column(
    String name,
    ColumnType type,
    boolean required,
    String description,
    AcceptedValues acceptedValues,
    boolean nonNegative)
    implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    // Our tables are snake_case; the other shape is the Data Transfer Service's own columns
    // (_DATA_DATE, _LATEST_DATE) of the Google tables the spend source reads, never ours.
    if (!name.matches("[a-z][a-z0-9_]*") && !name.matches("_[A-Z][A-Z_]*")) {
      throw new IllegalArgumentException("Column name must be snake_case: " + name);
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Column " + name + " needs a one-line description");
    }
    if (acceptedValues != null && type != ColumnType.STRING) {
      throw new IllegalArgumentException(
          "Column " + name + ": accepted values are for STRING columns");
    }
    if (nonNegative && type != ColumnType.INT64 && type != ColumnType.FLOAT64) {
      throw new IllegalArgumentException("Column " + name + ": only numbers can be non-negative");
    }
  }

  public Column(String name, ColumnType type, boolean required, String description) {
    this(name, type, required, description, null, false);
  }

  /** BigQuery's mode for this column. */
  public String mode() {
    return required ? "REQUIRED" : "NULLABLE";
  }

  Column withAcceptedValues(AcceptedValues values) {
    return new Column(name, type, required, description, values, nonNegative);
  }

  Column asNonNegative() {
    return new Column(name, type, required, description, acceptedValues, true);
  }
}
