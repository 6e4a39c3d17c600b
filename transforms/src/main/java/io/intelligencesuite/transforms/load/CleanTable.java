package io.intelligencesuite.transforms.load;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.dedupe.DeadLetterConflicts;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One table's records up to the write: parse (dead letters) -> conflicting versions to dead letters
 * -> latest version per primary key. Outputs the rows to write ({@link #ROWS}), every dead letter
 * ({@link #DEAD_LETTERS}) and how many duplicates the deduplication removed ({@link #DUPLICATES},
 * one element; absent for rejected records, which are only dead letters), so that records in = rows
 * + duplicates + dead letters for this table.
 */
public final class CleanTable<InputT> extends PTransform<PCollection<InputT>, PCollectionTuple> {
  public static final TupleTag<Row> ROWS = new TupleTag<>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<>() {};
  public static final TupleTag<Long> DUPLICATES = new TupleTag<>() {};

  private final TableLoad<InputT> load;
  private final RunContext run;

  CleanTable(TableLoad<InputT> load, RunContext run) {
    super("Clean " + load.table().name());
    this.load = load;
    this.run = run;
  }

  public static <T> CleanTable<T> of(TableLoad<T> load, RunContext run) {
    return new CleanTable<>(load, run);
  }

  @Override
  public PCollectionTuple expand(PCollection<InputT> records) {
    TableDef table = load.table();
    PCollectionTuple parsed =
        records.apply(ParseWithDeadLetters.of(table, load.parser(), load.payload(), run));
    PCollection<Row> rows = parsed.get(ParseWithDeadLetters.PARSED);
    PCollectionList<Row> dead = PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
    if (!load.writes()) {
      // Rejected records: each one is a dead letter, none a row, so there is nothing to
      // deduplicate.
      return PCollectionTuple.of(ROWS, rows).and(DEAD_LETTERS, flatten(dead));
    }
    String ordering = load.orderingField();
    if (load.conflictsToDeadLetters()) {
      // Same key, same version, other content: keeping either would be a guess.
      PCollectionTuple checked = rows.apply(DeadLetterConflicts.of(table, ordering, run));
      rows = checked.get(ParseWithDeadLetters.PARSED);
      dead = dead.and(checked.get(ParseWithDeadLetters.DEAD_LETTERS));
    }
    PCollection<Row> unique =
        rows.apply("Deduplicate", Deduplicate.latestByFields(table.primaryKey(), ordering));
    PCollection<Long> duplicates =
        Counts.minus(Counts.of(rows, "parsed"), Counts.of(unique, "unique"), "duplicates");
    return PCollectionTuple.of(ROWS, unique)
        .and(DEAD_LETTERS, flatten(dead))
        .and(DUPLICATES, duplicates);
  }

  private static PCollection<Row> flatten(PCollectionList<Row> deadLetters) {
    return deadLetters
        .apply("Dead letters", Flatten.pCollections())
        .setRowSchema(Tables.DEAD_LETTERS.schema());
  }
}
