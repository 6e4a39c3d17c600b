package io.intelligencesuite.transforms.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run in {@code pipeline_runs} and enforces the accounting identity {@code rows read =
 * rows written + duplicates removed + rows dead-lettered}. The counts are single-element
 * PCollections (sums of the partial counts made by the steps that read, deduplicate and write, or
 * {@code Count.globally()}), so the audit runs after every write it counts, on any runner. When the
 * identity breaks, the row is written with status {@code failed_accounting} and then the pipeline
 * fails, naming the numbers.
 */
public final class RunAudit {
  private static final Logger LOG = LoggerFactory.getLogger(RunAudit.class);
  private static final String READ = "read";
  private static final String DUPLICATES = "duplicates";
  private static final String DEAD = "dead_lettered";
  private static final String WRITTEN = "written:";

  private final RunContext run;
  private final boolean rowPreserving;
  private final List<PCollection<KV<String, Long>>> counts = new ArrayList<>();

  private RunAudit(RunContext run, boolean rowPreserving) {
    this.run = run;
    this.rowPreserving = rowPreserving;
  }

  public static RunAudit of(RunContext run) {
    return new RunAudit(run, true);
  }

  /**
   * For a run that aggregates (the marts): rows read and written are recorded, but the identity
   * read = written + duplicates + dead letters does not apply, because one output row summarises
   * many input rows. Dead letters are still counted.
   */
  public static RunAudit ofAggregation(RunContext run) {
    return new RunAudit(run, false);
  }

  public RunAudit read(PCollection<Long> count) {
    return add(READ, count);
  }

  public RunAudit written(TableDef table, PCollection<Long> count) {
    return add(WRITTEN + table.name(), count);
  }

  public RunAudit duplicatesRemoved(PCollection<Long> count) {
    return add(DUPLICATES, count);
  }

  public RunAudit deadLettered(PCollection<Long> count) {
    return add(DEAD, count);
  }

  private RunAudit add(String label, PCollection<Long> count) {
    counts.add(
        count
            .apply("Label " + label, WithKeys.of(label))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    return this;
  }

  /** Writes the run's row and fails the pipeline afterwards if the accounting does not balance. */
  public PCollection<Row> record() {
    if (counts.isEmpty()) {
      throw new IllegalStateException("RunAudit needs at least the rows read");
    }
    // Locals, so the run-row function below captures them and not this builder (not serializable).
    RunContext run = this.run;
    boolean rowPreserving = this.rowPreserving;
    PCollection<Row> runRow =
        PCollectionList.of(counts)
            .apply("All counts", Flatten.pCollections())
            .apply("One group", WithKeys.of("run"))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("Gather", GroupByKey.create())
            .apply("Values", Values.create())
            .apply(
                "Run row",
                MapElements.into(TypeDescriptor.of(Row.class))
                    .via(
                        (Iterable<KV<String, Long>> labelled) ->
                            runRow(run, rowPreserving, labelled)))
            .setRowSchema(Tables.PIPELINE_RUNS.schema());
    PCollection<Long> written = runRow.apply(WriteTable.to(Tables.PIPELINE_RUNS, run.warehouse()));
    runRow
        .apply("After the audit is written", Wait.on(written))
        .setRowSchema(Tables.PIPELINE_RUNS.schema())
        .apply(
            "Fail on broken accounting",
            MapElements.into(TypeDescriptors.strings()).via(RunAudit::checkBalanced));
    return runRow;
  }

  private static String checkBalanced(Row row) {
    if (!"succeeded".equals(row.getString("status"))) {
      throw new IllegalStateException(
          "Run "
              + row.getString("run_id")
              + " does not balance: rows read "
              + row.getInt64("rows_read")
              + " != written "
              + row.getInt64("rows_written")
              + " + duplicates removed "
              + row.getInt64("duplicates_removed")
              + " + dead-lettered "
              + row.getInt64("rows_dead_lettered")
              + " (per table: "
              + row.getString("rows_written_by_table")
              + "). Rows were lost or invented; "
              + "see pipeline_runs for this run.");
    }
    return row.getString("run_id");
  }

  /**
   * The run's pipeline_runs row from its labelled counts: {@code succeeded} when a row-preserving
   * run's rows read equal written + duplicates removed + dead-lettered, else {@code
   * failed_accounting}.
   */
  static Row runRow(RunContext run, boolean rowPreserving, Iterable<KV<String, Long>> labelled) {
    long read = 0;
    long duplicates = 0;
    long dead = 0;
    Map<String, Long> byTable = new TreeMap<>();
    for (KV<String, Long> kv : labelled) {
      String label = kv.getKey();
      long value = kv.getValue();
      if (label.equals(READ)) {
        read += value;
      } else if (label.equals(DUPLICATES)) {
        duplicates += value;
      } else if (label.equals(DEAD)) {
        dead += value;
      } else {
        byTable.merge(label.substring(WRITTEN.length()), value, Long::sum);
      }
    }
    long written = byTable.values().stream().mapToLong(Long::longValue).sum();
    String status =
        !rowPreserving || read == written + duplicates + dead ? "succeeded" : "failed_accounting";
    ObjectNode perTable = new ObjectMapper().createObjectNode();
    byTable.forEach(perTable::put);
    java.time.Instant now = java.time.Instant.now();
    LOG.info(
        "Run {} ({}): read {}, written {} {}, duplicates removed {}, dead-lettered {}: {}",
        run.runId(),
        run.pipeline(),
        read,
        written,
        byTable,
        duplicates,
        dead,
        status);
    return RowBuilder.of(Tables.PIPELINE_RUNS)
        .set("run_id", run.runId())
        .set("pipeline", run.pipeline())
        .set("window_start", run.window() == null ? null : run.window().start())
        .set("window_end", run.window() == null ? null : run.window().end())
        .set("started_at", new Instant(run.startedAt().toEpochMilli()))
        .set("finished_at", new Instant(now.toEpochMilli()))
        .set("run_date", run.runDate())
        .set("rows_read", read)
        .set("rows_written", written)
        .set("rows_written_by_table", perTable.toString())
        .set("duplicates_removed", duplicates)
        .set("rows_dead_lettered", dead)
        .set("status", status)
        .set("runner", run.runner())
        .set("warehouse", run.warehouse().toString())
        .build();
  }
}
