package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.ColumnType;
import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.audit.Counts;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.ReadableInstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DuckDB half of {@link WriteTable}: parallel appends to a stage, then one atomic swap. */
final class DuckDbSink {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbSink.class);

  private DuckDbSink() {}

  static PCollection<Long> write(
      PCollection<Row> rows,
      TableDef table,
      String path,
      String stage,
      @Nullable ReplaceWindow window,
      @Nullable PCollection<?> after,
      @Nullable PCollection<Row> sourceKeys,
      @Nullable KeyMerge merge) {
    // Counts.total, not Sum.longsGlobally: no default-value diamond (it doubled every path through
    // each write on the embedded Flink runner's optimizer).
    PCollection<Long> staged =
        Counts.total(
            rows.apply("Append to stage", ParDo.of(new AppendToStage(table, path, stage))),
            "Count staged");
    String keysStage = null;
    if (sourceKeys != null) {
      keysStage = stage + "_keys";
      PCollection<Long> keysStaged =
          Counts.total(
              sourceKeys.apply(
                  "Append source keys to stage",
                  ParDo.of(new AppendToStage(merge.keysTable(), path, keysStage))),
              "Count staged keys");
      staged = staged.apply("After keys staged", Wait.on(keysStaged));
    }
    if (after != null) {
      staged = staged.apply("After every read", Wait.on(after));
    }
    return staged.apply(
        "Replace atomically",
        ParDo.of(new ReplaceFromStage(table, path, stage, window, keysStage, merge)));
  }

  /** Appends each bundle with DuckDB's Appender and outputs how many rows the bundle staged. */
  static final class AppendToStage extends DoFn<Row, Long> {
    private final TableDef table;
    private final String path;
    private final String stage;
    private transient DuckDBConnection connection;
    private transient DuckDBAppender appender;
    private transient long staged;

    /** Each column's field index in the rows (the table's schema): a lookup per row was by name. */
    private transient int[] fields;

    AppendToStage(TableDef table, String path, String stage) {
      this.table = table;
      this.path = path;
      this.stage = stage;
    }

    @Setup
    public void setup() throws SQLException {
      fields = table.columns().stream().mapToInt(c -> table.schema().indexOf(c.name())).toArray();
      try (DuckDBConnection c = DuckDbConnections.connect(path)) {
        DuckDbSchema.refuseBreaking(c, table, path); // before a single row is staged
        createStage(c, table, path, stage);
      }
    }

    // A connection per bundle, not per DoFn instance: the file is then free between this run's
    // writes for another process (DuckDbConnections keeps it open across back-to-back bundles).
    @StartBundle
    public void startBundle() throws SQLException {
      connection = DuckDbConnections.connect(path);
      appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, stage);
      staged = 0;
    }

    @ProcessElement
    public void process(@Element Row row) throws SQLException {
      appender.beginRow();
      List<Column> columns = table.columns();
      for (int i = 0; i < fields.length; i++) {
        appendValue(appender, columns.get(i), row.getValue(fields[i]));
      }
      appender.endRow();
      staged++;
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws SQLException {
      try {
        appender.close();
      } catch (SQLException e) {
        throw DuckDbFaults.check(
            path, "staging rows for " + table.name() + "; " + table.name() + " is unchanged", e);
      } finally {
        appender = null;
        connection.close();
        connection = null;
      }
      context.output(staged, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    @Teardown
    public void teardown() throws SQLException {
      if (appender != null) {
        appender.close();
        appender = null;
      }
      if (connection != null) {
        connection.close();
      }
    }
  }

  /** Replaces the run's scope in the target with the staged rows, in one transaction. */
  static final class ReplaceFromStage extends DoFn<Long, Long> {
    private final TableDef table;
    private final String path;
    private final String stage;
    private final @Nullable ReplaceWindow window;
    private final @Nullable String keysStage;
    private final @Nullable KeyMerge merge;

    ReplaceFromStage(
        TableDef table,
        String path,
        String stage,
        @Nullable ReplaceWindow window,
        @Nullable String keysStage,
        @Nullable KeyMerge merge) {
      this.table = table;
      this.path = path;
      this.stage = stage;
      this.window = window;
      this.keysStage = keysStage;
      this.merge = merge;
    }

    @ProcessElement
    public void process(@Element Long stagedRows, OutputReceiver<Long> out) throws SQLException {
      try (DuckDBConnection c = DuckDbConnections.connect(path)) {
        long inserted;
        synchronized (DuckDbConnections.ddlLock(path)) {
          createStage(c, table, path, stage); // no bundle ran when the input was empty
          if (keysStage != null) {
            createStage(c, merge.keysTable(), path, keysStage);
          }
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            DuckDbSchema.ensure(c, s, table, path);
            s.executeUpdate(
                keysStage == null
                    ? ReplaceWindow.deleteScope(table, window, table.name(), stage)
                    : merge.deleteStatement(table.name(), stage, keysStage));
            inserted = s.executeUpdate(ReplaceWindow.insertStaged(table, table.name(), stage));
            s.execute("DROP TABLE " + stage);
            if (keysStage != null) {
              s.execute("DROP TABLE " + keysStage);
            }
            c.commit();
          } catch (SQLException e) {
            rollback(c, e);
            throw DuckDbFaults.check(
                path,
                "replacing " + table.name() + ": rolled back, " + table.name() + " is as it was",
                e);
          } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
          }
        }
        if (inserted != stagedRows) {
          throw new IllegalStateException(
              "DuckDB write of "
                  + table.name()
                  + " staged "
                  + stagedRows
                  + " rows but inserted "
                  + inserted
                  + "; the table was left unchanged only if the commit failed");
        }
        LOG.info(
            "Wrote {} rows to {} ({}, scope: {})",
            inserted,
            table.name(),
            path,
            scopeDescription());
        out.output(inserted);
      }
    }

    /**
     * After a failed commit DuckDB has already ended the transaction, so rollback fails too ("no
     * transaction is active"): that must not hide the error that matters.
     */
    private static void rollback(DuckDBConnection c, Exception failure) {
      try {
        c.rollback();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }

    private String scopeDescription() {
      if (keysStage != null) {
        return "incremental: " + merge.describe();
      }
      return table.refresh() == Refresh.REPLACE_PARTITIONS
          ? "days " + window + ", other rows merged by key"
          : table.refresh().name().toLowerCase();
    }
  }

  static void createStage(DuckDBConnection c, TableDef table, String path, String stage)
      throws SQLException {
    synchronized (DuckDbConnections.ddlLock(path)) {
      try (Statement s = c.createStatement()) {
        s.execute(DuckDbDdl.createTable(table, stage));
      } catch (SQLException e) {
        throw DuckDbFaults.check(
            path,
            "creating the stage for " + table.name() + "; " + table.name() + " is unchanged",
            e);
      }
    }
  }

  static void appendValue(DuckDBAppender a, Column column, Object value) throws SQLException {
    if (value == null) {
      a.appendNull();
      return;
    }
    ColumnType type = column.type();
    switch (type) {
      case STRING:
      case JSON:
        a.append((String) value);
        break;
      case INT64:
        a.append(((Number) value).longValue());
        break;
      case FLOAT64:
        a.append(((Number) value).doubleValue());
        break;
      case BOOL:
        a.append((boolean) (Boolean) value);
        break;
      case DATE:
        a.append((LocalDate) value);
        break;
      case TIMESTAMP:
        long millis = ((ReadableInstant) value).getMillis();
        a.append(
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000,
                ZoneOffset.UTC));
        break;
      default:
        throw new IllegalStateException("Unhandled column type " + type + " for " + column.name());
    }
  }
}
