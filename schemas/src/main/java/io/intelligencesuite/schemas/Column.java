package io.intelligencesuite.schemas;

import java.util.Objects;

/** One column of a warehouse table: name, type, whether it is required, and what it means. */
public record Column(String name, ColumnType type, boolean required, String description)
    implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Column name must be snake_case: " + name);
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Column " + name + " needs a one-line description");
    }
  }

  /** BigQuery's mode for this column. */
  public String mode() {
    return required ? "REQUIRED" : "NULLABLE";
  }
}
