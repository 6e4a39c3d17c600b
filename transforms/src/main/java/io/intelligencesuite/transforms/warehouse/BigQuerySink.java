package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.audit.Counts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.ValueInSingleWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigQuery half of {@link WriteTable}: file loads with the registry's schema, partitioning and
 * clustering.
 *
 * <ul>
 *   <li>{@link Refresh#REPLACE_PARTITIONS}: the rows are loaded into a staging table of this run,
 *       then ONE multi-statement transaction runs the {@link ReplaceWindow#deleteStatement} that
 *       DuckDB runs too (every row of the covered days, and every row whose key is staged) and
 *       inserts the staged rows; the stage is then dropped.
 *   <li>{@link Refresh#APPEND_BY_RUN} (dead letters, {@code pipeline_runs}): the same stage and
 *       transaction, deleting the staged run ids' rows first, as DuckDB does: a replayed run id
 *       leaves one copy, and a run's final {@code pipeline_runs} row replaces its {@code running}
 *       row.
 *   <li>{@link Refresh#REPLACE_TABLE}: WRITE_TRUNCATE of the table (a load job is atomic already).
 * </ul>
 *
 * <p>Why a staging table and a transaction rather than partition decorators with WRITE_TRUNCATE:
 * (1) a covered day where the rerun found no rows must end empty, and a decorator load needs rows
 * to load, so empty days would need a second mechanism; (2) a late row dated outside the window
 * must be merged by key into its day without truncating that day, which a load job cannot do (only
 * truncate or append a partition), so DML would be needed anyway; (3) N decorator loads commit one
 * by one, so a reader (or a failure) could see half a window, where the transaction commits the
 * window and the merged rows at once; (4) the statement is the DuckDB sink's, so the rerun rule has
 * one home. The cost: one DML script per table and run (BigQuery allows plenty for daily batch
 * loads), and the DELETE reads the key columns of the whole table for the merge.
 */
final class BigQuerySink {
  private static final Logger LOG = LoggerFactory.getLogger(BigQuerySink.class);

  private BigQuerySink() {}

  static PCollection<Long> write(
      PCollection<Row> rows,
      TableDef table,
      Warehouse warehouse,
      @Nullable ReplaceWindow window,
      @Nullable PCollection<Row> sourceKeys,
      @Nullable KeyMerge merge,
      @Nullable BigQueryServices services,
      @Nullable BigQueryScripts scripts) {
    String project = warehouse.bigQueryProject();
    String dataset = warehouse.bigQueryDataset();
    if (table.refresh() != Refresh.REPLACE_TABLE || sourceKeys != null) {
      // A fresh stage per expansion, so a crashed earlier run's leftover is never reused.
      String stage = table.name() + "__stage_" + UUID.randomUUID().toString().replace("-", "");
      String stageSpec = project + ":" + dataset + "." + stage;
      PCollection<Long> staged =
          load(
              rows,
              table,
              "Load to stage",
              input ->
                  new TableDestination(
                      stageSpec, "Staging rows of one run for " + table.name() + "; dropped after"),
              WriteDisposition.WRITE_TRUNCATE,
              services);
      String keysStage = null;
      if (sourceKeys != null) {
        // An incremental write (KeyMerge): the source's keys get a stage of their own.
        keysStage = stage + "_keys";
        String keysSpec = project + ":" + dataset + "." + keysStage;
        PCollection<Long> keysStaged =
            load(
                sourceKeys,
                merge.keysTable(),
                "Load source keys to stage",
                input ->
                    new TableDestination(
                        keysSpec, "Source keys of one run for " + table.name() + "; dropped after"),
                WriteDisposition.WRITE_TRUNCATE,
                services);
        staged = staged.apply("After keys staged", Wait.on(keysStaged));
      }
      return staged.apply(
          "Replace window in one transaction",
          ParDo.of(
              new ReplaceFromStage(
                  table,
                  project,
                  dataset,
                  stage,
                  window,
                  keysStage,
                  merge,
                  services,
                  scripts == null ? BigQueryScripts.jobs(services) : scripts)));
    }
    return load(
        rows,
        table,
        "BigQuery file loads",
        new Destination(table, project, dataset),
        WriteDisposition.WRITE_TRUNCATE,
        services);
  }

  /** File loads; the row count is released only after the loads succeeded. */
  private static PCollection<Long> load(
      PCollection<Row> rows,
      TableDef table,
      String name,
      SerializableFunction<ValueInSingleWindow<Row>, TableDestination> destination,
      WriteDisposition disposition,
      @Nullable BigQueryServices services) {
    BigQueryIO.Write<Row> write =
        BigQueryIO.<Row>write()
            .to(destination)
            .withSchema(BigQueryTables.schema(table))
            .withFormatFunction(toTableRow())
            .withMethod(BigQueryIO.Write.Method.FILE_LOADS)
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(disposition)
            .withClustering();
    if (services != null) {
      write = write.withTestServices(services).withoutValidation();
    }
    WriteResult result = rows.apply(name, write);
    return Counts.of(rows, "rows").apply("After loads", Wait.on(result.getSuccessfulTableLoads()));
  }

  private static SerializableFunction<Row, TableRow> toTableRow() {
    return BigQueryUtils.toTableRow();
  }

  static TableReference reference(String project, String dataset, String table) {
    return new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(table);
  }

  /** {@code `project.dataset.table`}: a GoogleSQL table path. */
  static String quoted(TableReference t) {
    return "`" + t.getProjectId() + "." + t.getDatasetId() + "." + t.getTableId() + "`";
  }

  /**
   * The script that replaces the run's window of {@code table} with the rows of {@code stage}, in
   * one transaction: if any statement fails, BigQuery rolls the whole script back.
   */
  static String replaceScript(
      TableDef table, @Nullable ReplaceWindow window, TableReference target, TableReference stage) {
    return replaceScript(
        table,
        target,
        stage,
        ReplaceWindow.deleteScope(table, window, quoted(target), quoted(stage)));
  }

  /** The same transaction for an incremental write: {@link KeyMerge#deleteStatement}. */
  static String mergeScript(
      KeyMerge merge, TableReference target, TableReference stage, TableReference keys) {
    KeyMerge.BigQueryDelete delete =
        merge.bigQueryDelete(quoted(target), quoted(stage), quoted(keys));
    return delete.beforeTransaction()
        + replaceScript(merge.table(), target, stage, delete.delete());
  }

  private static String replaceScript(
      TableDef table, TableReference target, TableReference stage, String delete) {
    return "BEGIN TRANSACTION;\n"
        + delete
        + ";\n"
        + ReplaceWindow.insertStaged(table, quoted(target), quoted(stage))
        + ";\nCOMMIT TRANSACTION;";
  }

  /**
   * Creates {@code ref} from the registry (schema, partitioning, clustering, descriptions) if it is
   * missing; otherwise applies {@link SchemaDrift}'s rule: additive changes through {@code scripts}
   * (DDL, which BigQuery does not allow inside the replace transaction, so it runs first,
   * idempotently), breaking ones refused before the table changes. The replace script names its
   * columns, so the added columns' place at the table's end does not matter.
   */
  static void ensureTable(
      DatasetService tables,
      BigQueryScripts scripts,
      TableDef table,
      TableReference ref,
      PipelineOptions options)
      throws IOException, InterruptedException {
    Table existing = tables.getTable(ref);
    if (existing == null) {
      tables.createTable(
          new Table()
              .setTableReference(ref)
              .setDescription(BigQueryTables.description(table))
              .setSchema(BigQueryTables.schema(table))
              .setTimePartitioning(BigQueryTables.timePartitioning(table))
              .setClustering(BigQueryTables.clustering(table)));
      return;
    }
    SchemaDrift drift = drift(table, ref, existing);
    drift.refuseBreaking(quoted(ref) + " is unchanged");
    String ddl = evolveScript(drift, ref);
    if (!ddl.isEmpty()) {
      scripts.run(ref.getProjectId(), ddl, options);
      LOG.info("Table {}: {}", quoted(ref), drift.describeAdditive());
    }
  }

  static SchemaDrift drift(TableDef table, TableReference ref, Table existing) {
    Map<String, String> registryTypes = new HashMap<>();
    for (TableFieldSchema f : BigQueryTables.schema(table).getFields()) {
      registryTypes.put(f.getName(), f.getType());
    }
    List<SchemaDrift.Existing> columns = new ArrayList<>();
    if (existing.getSchema() != null && existing.getSchema().getFields() != null) {
      for (TableFieldSchema f : existing.getSchema().getFields()) {
        String mode = f.getMode() == null ? "NULLABLE" : f.getMode();
        // A REPEATED column is an array: a different type from any registry column.
        String type = "REPEATED".equals(mode) ? "ARRAY<" + f.getType() + ">" : f.getType();
        columns.add(new SchemaDrift.Existing(f.getName(), type, !"REQUIRED".equals(mode)));
      }
    }
    return new SchemaDrift(table, quoted(ref), columns, c -> registryTypes.get(c.name()));
  }

  /**
   * The DDL applying {@code drift}'s additive changes to {@code ref}; empty when there are none.
   */
  static String evolveScript(SchemaDrift drift, TableReference ref) {
    StringBuilder ddl = new StringBuilder();
    for (Column c : drift.added()) {
      ddl.append("ALTER TABLE ")
          .append(quoted(ref))
          .append(" ADD COLUMN IF NOT EXISTS ")
          .append(c.name())
          .append(' ')
          .append(SchemaDrift.normalType(drift.typeOf(c)))
          .append(" OPTIONS(description = ")
          .append(stringLiteral(c.description()))
          .append(");\n");
    }
    for (Column c : drift.relaxed()) {
      ddl.append("ALTER TABLE ")
          .append(quoted(ref))
          .append(" ALTER COLUMN ")
          .append(c.name())
          .append(" DROP NOT NULL;\n");
    }
    return ddl.toString();
  }

  /** A GoogleSQL string literal of any text (descriptions hold quotes). */
  static String stringLiteral(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /**
   * Creates the target from the registry if needed (and the stage, when the run had no rows and no
   * load created it), runs the replace script, drops the stage.
   */
  static final class ReplaceFromStage extends DoFn<Long, Long> {
    private final TableDef table;
    private final String project;
    private final String dataset;
    private final String stage;
    private final @Nullable ReplaceWindow window;
    private final @Nullable String keysStage;
    private final @Nullable KeyMerge merge;
    private final @Nullable BigQueryServices services;
    private final BigQueryScripts scripts;

    ReplaceFromStage(
        TableDef table,
        String project,
        String dataset,
        String stage,
        @Nullable ReplaceWindow window,
        @Nullable String keysStage,
        @Nullable KeyMerge merge,
        @Nullable BigQueryServices services,
        BigQueryScripts scripts) {
      this.table = table;
      this.project = project;
      this.dataset = dataset;
      this.stage = stage;
      this.window = window;
      this.keysStage = keysStage;
      this.merge = merge;
      this.services = services;
      this.scripts = scripts;
    }

    private String scope() {
      if (keysStage != null) {
        return "the incremental write (" + merge.describe() + ")";
      }
      return window == null ? "the staged run ids' rows" : "days " + window;
    }

    @ProcessElement
    public void process(@Element Long staged, PipelineOptions options, OutputReceiver<Long> out)
        throws IOException, InterruptedException {
      TableReference target = reference(project, dataset, table.name());
      TableReference stageRef = reference(project, dataset, stage);
      BigQueryServices bigQuery = services != null ? services : new BigQueryServicesImpl();
      try (DatasetService tables = bigQuery.getDatasetService(options.as(BigQueryOptions.class))) {
        try {
          ensureTable(tables, scripts, table, target, options);
        } catch (IllegalStateException refused) {
          tables.deleteTable(stageRef); // only this run's rows; the run is rerun after the fix
          throw refused;
        }
        if (tables.getTable(stageRef) == null) {
          tables.createTable(
              new Table().setTableReference(stageRef).setSchema(BigQueryTables.schema(table)));
        }
        TableReference keysRef = keysStage == null ? null : reference(project, dataset, keysStage);
        if (keysRef != null && tables.getTable(keysRef) == null) {
          tables.createTable(
              new Table()
                  .setTableReference(keysRef)
                  .setSchema(BigQueryTables.schema(merge.keysTable())));
        }
        String script =
            keysRef == null
                ? replaceScript(table, window, target, stageRef)
                : mergeScript(merge, target, stageRef, keysRef);
        try {
          scripts.run(project, script, options);
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException(
              "Replacing "
                  + scope()
                  + " of "
                  + quoted(target)
                  + " failed; the transaction rolled back, so the table is as it was. The staged "
                  + "rows are in "
                  + quoted(stageRef)
                  + " (drop it after a look). Script:\n"
                  + script,
              e);
        }
        tables.deleteTable(stageRef);
        if (keysRef != null) {
          tables.deleteTable(keysRef);
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Closing the BigQuery dataset service", e);
      }
      LOG.info("Wrote {} rows to {} ({})", staged, quoted(target), scope());
      out.output(staged);
    }
  }

  /** Routes every row to its table, with the registry's partitioning and clustering. */
  record Destination(TableDef table, String project, String dataset)
      implements SerializableFunction<ValueInSingleWindow<Row>, TableDestination> {

    @Override
    public TableDestination apply(ValueInSingleWindow<Row> input) {
      return new TableDestination(
          project + ":" + dataset + "." + table.name(),
          BigQueryTables.description(table),
          BigQueryTables.timePartitioning(table),
          BigQueryTables.clustering(table));
    }
  }
}
