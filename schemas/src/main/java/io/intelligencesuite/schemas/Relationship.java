package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.Objects;

/**
 * A foreign key the warehouse does not enforce (dbt's {@code relationships}): every non-null value
 * of {@code column} exists in {@code toTable.toColumn}. Marts reference their dimensions at error
 * level; staging tables mirror their source, whose windows need not line up, so theirs warn.
 */
public record Relationship(String column, String toTable, String toColumn, Severity severity)
    implements Serializable {
  public Relationship {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(toTable, "toTable");
    Objects.requireNonNull(toColumn, "toColumn");
    Objects.requireNonNull(severity, "severity");
  }
}
