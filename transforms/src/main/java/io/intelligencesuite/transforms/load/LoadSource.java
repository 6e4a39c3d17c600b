package io.intelligencesuite.transforms.load;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.warehouse.KeyMerge;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The write chain of every source, from records read to the run's {@code pipeline_runs} row: each
 * table's records are cleaned ({@link CleanTable}: parse with dead letters, conflicting versions to
 * dead letters, latest per primary key) and written; the dead letters of all tables are written
 * once; the audit then records rows read = rows written + duplicates removed + rows dead-lettered,
 * and fails the run when that does not hold.
 *
 * <p>No table (dead letters included) is replaced before every record of the run has been read: a
 * source that fails mid-read fails the run with all tables as they were.
 *
 * <p>The input holds one PCollection of records per table, under the tags {@link Builder#add}
 * makes.
 */
public final class LoadSource extends PTransform<PCollectionTuple, PCollection<Row>> {
  private final RunContext run;
  private final transient List<Input<?>> inputs;

  /**
   * Where one table's records are in the input, and what becomes of them; {@code sourceKeys} for an
   * incremental read (the records are the changed ones: merged by key, see {@link KeyMerge}).
   */
  private record Input<T>(
      TupleTag<T> tag,
      TableLoad<T> load,
      @Nullable KeyMerge merge,
      @Nullable PCollection<Row> sourceKeys) {}

  private LoadSource(RunContext run, List<Input<?>> inputs) {
    super("Load " + run.pipeline());
    this.run = run;
    this.inputs = List.copyOf(inputs);
  }

  /** Starts a run's load: add each table's records, then {@link Builder#load()}. */
  public static Builder of(RunContext run) {
    return new Builder(run);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple records) {
    List<PCollection<Long>> read = new ArrayList<>();
    List<PCollection<Long>> duplicates = new ArrayList<>();
    List<PCollection<Row>> deadLetters = new ArrayList<>();
    List<Cleaned> cleaned = new ArrayList<>();
    for (Input<?> input : inputs) {
      cleaned.add(clean(records, input, read, duplicates, deadLetters));
    }
    PCollection<Long> allRead = sum(read, "read");
    RunAudit audit = RunAudit.of(run).read(allRead);
    // The keys-only passes of incremental reads are reads too: no table is replaced before they
    // end. They gate the writes without counting as records read.
    List<PCollection<Long>> keyCounts = new ArrayList<>();
    for (Cleaned c : cleaned) {
      if (c.sourceKeys() != null) {
        keyCounts.add(Counts.of(c.sourceKeys(), c.load().table().name() + " source keys"));
      }
    }
    PCollection<Long> everythingRead =
        keyCounts.isEmpty()
            ? allRead
            : PCollectionList.of(allRead)
                .and(keyCounts)
                .apply("Every read and key pass", Flatten.pCollections());
    for (Cleaned c : cleaned) {
      if (c.load().writes()) {
        WriteTable write =
            WriteTable.to(c.load().table(), run.warehouse())
                .replacingWindow(c.load().replace())
                .afterAll(everythingRead);
        if (c.merge() != null) {
          write = write.merging(c.merge(), c.sourceKeys());
        }
        audit.written(c.load().table(), c.rows().apply(write));
      }
    }
    PCollection<Long> deadLettered =
        PCollectionList.of(deadLetters)
            .apply("All dead letters", Flatten.pCollections())
            .setRowSchema(Tables.DEAD_LETTERS.schema())
            .apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse()).afterAll(everythingRead));
    return audit
        .duplicatesRemoved(sum(duplicates, "duplicates"))
        .deadLettered(deadLettered)
        .record();
  }

  /** One table's rows to write. */
  private record Cleaned(
      TableLoad<?> load,
      PCollection<Row> rows,
      @Nullable KeyMerge merge,
      @Nullable PCollection<Row> sourceKeys) {}

  private <T> Cleaned clean(
      PCollectionTuple records,
      Input<T> input,
      List<PCollection<Long>> read,
      List<PCollection<Long>> duplicates,
      List<PCollection<Row>> deadLetters) {
    PCollectionTuple out = records.get(input.tag()).apply(CleanTable.of(input.load(), run));
    read.add(out.get(CleanTable.READ));
    deadLetters.add(out.get(CleanTable.DEAD_LETTERS));
    if (input.load().writes()) {
      duplicates.add(out.get(CleanTable.DUPLICATES));
    }
    return new Cleaned(input.load(), out.get(CleanTable.ROWS), input.merge(), input.sourceKeys());
  }

  private static PCollection<Long> sum(List<PCollection<Long>> counts, String what) {
    return PCollectionList.of(counts)
        .apply("All " + what, Flatten.pCollections())
        .apply("Sum " + what, Sum.longsGlobally());
  }

  /** Gathers a run's records, table by table, into the input tuple of one {@link LoadSource}. */
  public static final class Builder {
    private final RunContext run;
    private final List<Input<?>> inputs = new ArrayList<>();
    private PCollectionTuple records;

    private Builder(RunContext run) {
      this.run = run;
    }

    public <T> Builder add(PCollection<T> tableRecords, TableLoad<T> load) {
      return add(tableRecords, load, null);
    }

    /**
     * For an incremental read: {@code changedRecords} are the records changed since the cursor,
     * {@code sourceKeys} every key the source has now (rows of {@link KeyMerge#keySchema}); the
     * table is merged by key and keys gone from the source are deleted. A null {@code sourceKeys}
     * is a full read, as {@link #add(PCollection, TableLoad)}.
     */
    public <T> Builder add(
        PCollection<T> changedRecords, TableLoad<T> load, @Nullable PCollection<Row> sourceKeys) {
      return add(
          changedRecords,
          load,
          sourceKeys == null ? null : KeyMerge.everyKey(load.table()),
          sourceKeys);
    }

    /**
     * For an incremental read merged by {@code merge}'s rule ({@link KeyMerge}): {@code keys} are
     * the rows of its {@link KeyMerge#keySchema}. Null {@code merge} and {@code keys}: a full read.
     */
    public <T> Builder add(
        PCollection<T> changedRecords,
        TableLoad<T> load,
        @Nullable KeyMerge merge,
        @Nullable PCollection<Row> keys) {
      if ((merge == null) != (keys == null)) {
        throw new IllegalArgumentException(
            load.table().name() + ": a merge needs its staged keys, and keys need a merge");
      }
      PCollection<T> tableRecords = changedRecords;
      String id = load.table().name() + (load.writes() ? " records" : " rejected records");
      TupleTag<T> tag = new TupleTag<>(id);
      records =
          records == null ? PCollectionTuple.of(tag, tableRecords) : records.and(tag, tableRecords);
      inputs.add(new Input<>(tag, load, merge, keys));
      return this;
    }

    /** Applies the load to everything added; returns the run's {@code pipeline_runs} row. */
    public PCollection<Row> load() {
      if (records == null) {
        throw new IllegalStateException("nothing to load for " + run.pipeline());
      }
      return records.apply(new LoadSource(run, inputs));
    }
  }
}
