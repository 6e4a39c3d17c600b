package io.intelligencesuite.transforms.warehouse;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the tables live, parsed from the shared {@code --warehouse} option: {@code duckdb:PATH}
 * (embedded, the local default) or {@code bigquery:PROJECT.DATASET}.
 */
public final class Warehouse implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    DUCKDB,
    BIGQUERY
  }

  public static final String DEFAULT_SPEC = "duckdb:.suite/warehouse.duckdb";

  private final Kind kind;
  private final String location;

  private Warehouse(Kind kind, String location) {
    this.kind = kind;
    this.location = location;
  }

  /** Parses a {@code --warehouse} value, naming the accepted shapes when it is wrong. */
  public static Warehouse parse(String spec) {
    String s = spec == null || spec.isBlank() ? DEFAULT_SPEC : spec.trim();
    if (s.startsWith("duckdb:") && s.length() > "duckdb:".length()) {
      return new Warehouse(
          Kind.DUCKDB,
          Path.of(s.substring("duckdb:".length())).toAbsolutePath().normalize().toString());
    }
    if (s.startsWith("bigquery:")) {
      String ref = s.substring("bigquery:".length());
      if (ref.matches("[a-z][a-z0-9-]{4,61}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}")) {
        return new Warehouse(Kind.BIGQUERY, ref);
      }
    }
    throw new IllegalArgumentException(
        "Invalid --warehouse='"
            + spec
            + "'. Use duckdb:PATH (for example "
            + DEFAULT_SPEC
            + ") or bigquery:PROJECT.DATASET (for example bigquery:my-project.analytics).");
  }

  public Kind kind() {
    return kind;
  }

  /** The DuckDB file path (absolute). */
  public String duckDbPath() {
    check(Kind.DUCKDB);
    return location;
  }

  public String bigQueryProject() {
    check(Kind.BIGQUERY);
    return location.substring(0, location.indexOf('.'));
  }

  public String bigQueryDataset() {
    check(Kind.BIGQUERY);
    return location.substring(location.indexOf('.') + 1);
  }

  private void check(Kind expected) {
    if (kind != expected) {
      throw new IllegalStateException("Warehouse " + this + " is not " + expected);
    }
  }

  /** The canonical spec, safe to log and to store in pipeline_runs. */
  @Override
  public String toString() {
    return kind.name().toLowerCase() + ":" + location;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Warehouse w && w.kind == kind && w.location.equals(location);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, location);
  }
}
