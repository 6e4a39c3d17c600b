package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A warehouse table, defined once: columns, grain, primary key, partitioning, clustering, layer,
 * refresh mode, the pipelines that load it and its data tests (accepted values and non-negative
 * columns on {@link Column}, relationships and source freshness here). The Beam schema, the
 * BigQuery table, the DuckDB DDL, the data dictionary and the data tests of {@code suite check} are
 * all derived from this.
 */
public final class TableDef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Layer layer;
  private final String description;
  private final String grain;
  private final List<Column> columns;
  private final List<String> primaryKey;
  private final String partitionColumn;
  private final List<String> clustering;
  private final Refresh refresh;
  private final List<String> loadedBy;
  private final List<Relationship> relationships;
  private final Freshness freshness;
  private final SourceFreshness sourceFreshness;
  private transient Schema schema;

  private TableDef(Builder b) {
    this.name = b.name;
    this.layer = b.layer;
    this.description = b.description;
    this.grain = b.grain;
    this.columns = List.copyOf(b.columns.values());
    this.primaryKey = List.copyOf(b.primaryKey);
    this.partitionColumn = b.partitionColumn;
    this.clustering = List.copyOf(b.clustering);
    this.refresh = b.refresh;
    this.loadedBy = List.copyOf(b.loadedBy);
    this.relationships = List.copyOf(b.relationships);
    this.freshness = b.freshness;
    this.sourceFreshness = b.sourceFreshness;
    validate();
  }

  public static Builder builder(String name, Layer layer) {
    return new Builder(name, layer);
  }

  private void validate() {
    require(description != null && !description.isBlank(), "a description");
    require(grain != null && !grain.isBlank(), "a grain");
    require(!primaryKey.isEmpty(), "a primary key");
    for (String key : primaryKey) {
      require(
          column(key).map(Column::required).orElse(false),
          "primary key column '" + key + "' to exist and be REQUIRED");
    }
    if (partitionColumn != null) {
      require(
          column(partitionColumn).map(c -> c.type().isTemporal()).orElse(false),
          "partition column '" + partitionColumn + "' to exist and be a DATE or TIMESTAMP");
    }
    require(
        refresh != Refresh.REPLACE_PARTITIONS || partitionColumn != null,
        "a partition column, because it replaces partitions");
    // BigQuery allows at most four clustering columns.
    require(clustering.size() <= 4, "at most 4 clustering columns");
    for (String c : clustering) {
      require(column(c).isPresent(), "clustering column '" + c + "' to exist");
    }
    for (Relationship r : relationships) {
      require(column(r.column()).isPresent(), "relationship column '" + r.column() + "' to exist");
    }
    require(
        freshness == null || !loadedBy.isEmpty(),
        "the pipelines that load it (loadedBy), because freshness is measured from their runs");
    if (sourceFreshness != null) {
      require(
          column(sourceFreshness.column()).map(c -> c.type() == ColumnType.TIMESTAMP).orElse(false),
          "source freshness column '" + sourceFreshness.column() + "' to exist and be a TIMESTAMP");
    }
  }

  private void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Table " + name + " needs " + what);
    }
  }

  public String name() {
    return name;
  }

  public Layer layer() {
    return layer;
  }

  public String description() {
    return description;
  }

  public String grain() {
    return grain;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> primaryKey() {
    return primaryKey;
  }

  public Optional<String> partitionColumn() {
    return Optional.ofNullable(partitionColumn);
  }

  public List<String> clustering() {
    return clustering;
  }

  public Refresh refresh() {
    return refresh;
  }

  /**
   * Pipelines (CLI names) that write this table; empty for the ops tables every pipeline writes.
   */
  public List<String> loadedBy() {
    return loadedBy;
  }

  /** Foreign keys, checked by {@code suite check} (the warehouse does not enforce them). */
  public List<Relationship> relationships() {
    return relationships;
  }

  /** Source freshness thresholds (staging tables), if the table has them. */
  public Optional<SourceFreshness> sourceFreshness() {
    return Optional.ofNullable(sourceFreshness);
  }

  public Optional<Freshness> freshness() {
    return Optional.ofNullable(freshness);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The Beam schema of this table's rows; nullable columns are nullable fields. */
  public Schema schema() {
    if (schema == null) {
      Schema.Builder sb = Schema.builder();
      for (Column c : columns) {
        sb.addField(
            Schema.Field.of(c.name(), c.type().beamType().withNullable(!c.required()))
                .withDescription(c.description()));
      }
      schema = sb.build();
    }
    return schema;
  }

  /**
   * Fails unless {@code actual} is this table's registry schema: rows that reach a table's
   * transform must have been built for it ({@link RowBuilder}, the warehouse readers), so a drifted
   * copy is caught where it enters, not as a wrong column later. {@code whose} names the rows in
   * the error, e.g. "Reconcile input fact_revenue".
   */
  public void requireSchema(Schema actual, String whose) {
    if (!actual.equals(schema())) {
      throw new IllegalArgumentException(
          whose
              + " must have the registry schema of "
              + name
              + " but has "
              + actual
              + "; the registry defines "
              + schema());
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Fluent builder; columns keep the order they are declared in. */
  public static final class Builder {
    private final String name;
    private final Layer layer;
    private String description;
    private String grain;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<String> primaryKey = new ArrayList<>();
    private String partitionColumn;
    private final List<String> clustering = new ArrayList<>();
    private Refresh refresh = Refresh.REPLACE_TABLE;
    private final List<String> loadedBy = new ArrayList<>();
    private final List<Relationship> relationships = new ArrayList<>();
    private Freshness freshness;
    private SourceFreshness sourceFreshness;

    private Builder(String name, Layer layer) {
      this.name = name;
      this.layer = layer;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    public Builder grain(String text) {
      this.grain = text;
      return this;
    }

    /** A REQUIRED column. */
    public Builder required(String column, ColumnType type, String text) {
      return add(new Column(column, type, true, text));
    }

    /** A NULLABLE column. */
    public Builder nullable(String column, ColumnType type, String text) {
      return add(new Column(column, type, false, text));
    }

    private Builder add(Column c) {
      if (columns.putIfAbsent(c.name(), c) != null) {
        throw new IllegalStateException(
            "Table " + name + " declares column " + c.name() + " twice");
      }
      return this;
    }

    public Builder primaryKey(String... keyColumns) {
      Collections.addAll(primaryKey, keyColumns);
      return this;
    }

    public Builder partitionedBy(String column) {
      this.partitionColumn = column;
      return this;
    }

    public Builder clusteredBy(String... clusteringColumns) {
      Collections.addAll(clustering, clusteringColumns);
      return this;
    }

    public Builder refresh(Refresh mode) {
      this.refresh = mode;
      return this;
    }

    /** The pipelines (CLI names) that write this table. */
    public Builder loadedBy(String... pipelines) {
      Collections.addAll(loadedBy, pipelines);
      return this;
    }

    /** The values {@code column} (declared above) may hold. */
    public Builder acceptedValues(String column, Severity severity, String... values) {
      return replace(
          column, c -> c.withAcceptedValues(new AcceptedValues(List.of(values), severity)));
    }

    /** Columns (declared above) that are never negative: money that cannot be owed back, counts. */
    public Builder nonNegative(String... names) {
      for (String column : names) {
        replace(column, Column::asNonNegative);
      }
      return this;
    }

    /** Every non-null {@code column} exists in {@code toTable.toColumn}. */
    public Builder references(String column, String toTable, String toColumn, Severity severity) {
      relationships.add(new Relationship(column, toTable, toColumn, severity));
      return this;
    }

    public Builder freshness(Freshness thresholds) {
      this.freshness = thresholds;
      return this;
    }

    /**
     * Freshness from the source's own times: {@code column} (declared above, a TIMESTAMP) holds the
     * newest event or update time the source wrote.
     */
    public Builder sourceFreshness(String column, Freshness thresholds) {
      this.sourceFreshness = new SourceFreshness(column, thresholds);
      return this;
    }

    private Builder replace(String column, java.util.function.UnaryOperator<Column> change) {
      Column c = columns.get(column);
      if (c == null) {
        throw new IllegalStateException(
            "Table " + name + " has no column " + column + " (declare it first)");
      }
      columns.put(column, change.apply(c));
      return this;
    }

    public TableDef build() {
      return new TableDef(this);
    }
  }
}
