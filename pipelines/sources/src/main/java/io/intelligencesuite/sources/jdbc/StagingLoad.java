package io.intelligencesuite.sources.jdbc;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * The shape every JDBC source table goes through, on one screen: parse (dead letters) -> conflicting
 * duplicates to dead letters -> deduplicate (latest version per primary key) -> write. Collects the
 * counts of all its tables and records the run once with {@link #record()}.
 */
public final class StagingLoad {
  private final RunContext run;
  private final RunAudit audit;
  private final List<PCollection<Map<String, String>>> reads = new ArrayList<>();
  private final List<PCollection<Long>> duplicates = new ArrayList<>();
  private final List<PCollection<Row>> deadLetters = new ArrayList<>();
  private final List<PendingWrite> writes = new ArrayList<>();

  /** A table's rows, written by {@link #record()} once every read is known. */
  private record PendingWrite(PCollection<Row> rows, TableDef table, DateWindow replace) {}

  private StagingLoad(RunContext run) {
    this.run = run;
    this.audit = RunAudit.of(run);
  }

  public static StagingLoad of(RunContext run) {
    return new StagingLoad(run);
  }

  /**
   * Loads one table from source records. {@code orderingField} orders versions of a primary key
   * (the latest wins); {@code replace} is the window of day partitions replaced, or null.
   */
  public StagingLoad table(PCollection<Map<String, String>> records, TableDef table,
      ParseWithDeadLetters.Parser<Map<String, String>> parser, String orderingField, DateWindow replace) {
    reads.add(records);
    String name = table.name();
    PCollectionTuple parsed = records.apply(ParseWithDeadLetters.of(table, parser, SourceRecords::payload, run));
    PCollectionTuple checked = parsed.get(ParseWithDeadLetters.PARSED)
        .apply(DeadLetterConflicts.of(table, orderingField, run));
    PCollection<Row> clean = checked.get(ParseWithDeadLetters.PARSED);
    PCollection<Row> unique = clean.apply("Deduplicate " + name,
        Deduplicate.latestByFields(table.primaryKey(), orderingField));
    writes.add(new PendingWrite(unique, table, replace));
    duplicates.add(Counts.minus(Counts.of(clean, name + " rows"), Counts.of(unique, name + " unique rows"),
        name + " duplicates"));
    deadLetters.add(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
    deadLetters.add(checked.get(ParseWithDeadLetters.DEAD_LETTERS));
    return this;
  }

  /**
   * Writes every table, the dead letters of every table and the run's pipeline_runs row. No table is
   * replaced before every source read has finished: a database that drops the connection mid-read
   * then fails the run with all tables as they were.
   */
  public void record() {
    PCollection<Map<String, String>> allReads = PCollectionList.of(reads).apply("All records read", Flatten.pCollections());
    PCollection<Long> read = Counts.of(allReads, "records read");
    for (PendingWrite w : writes) {
      audit.written(w.table(), w.rows().apply(WriteTable.to(w.table(), run.warehouse()).replacingWindow(w.replace())
          .afterAll(read)));
    }
    PCollection<Long> dead = PCollectionList.of(deadLetters).apply("All dead letters", Flatten.pCollections())
        .setRowSchema(Tables.DEAD_LETTERS.schema())
        .apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse()).afterAll(read));
    PCollection<Long> removed = PCollectionList.of(duplicates).apply("All duplicates", Flatten.pCollections())
        .apply("Sum duplicates", Sum.longsGlobally());
    audit.read(read)
        .duplicatesRemoved(removed)
        .deadLettered(dead)
        .record();
  }
}
