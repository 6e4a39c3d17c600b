package io.intelligencesuite.transforms.load;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
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
 * ({@link #DEAD_LETTERS}), how many records came in ({@link #READ}) and how many duplicates the
 * deduplication removed ({@link #DUPLICATES}; absent for rejected records, which are only dead
 * letters), so that records in = rows + duplicates + dead letters for this table. The counts are
 * partial counts to be summed, made by the steps the records pass through anyway: a counting branch
 * beside the chain would cost a serialization of every record per branch on the Flink runner.
 */
public final class CleanTable<InputT> extends PTransform<PCollection<InputT>, PCollectionTuple> {
  public static final TupleTag<Row> ROWS = new TupleTag<>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<>() {};
  public static final TupleTag<Long> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<Long> READ = new TupleTag<>() {};

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
    ParseWithDeadLetters<InputT> parse =
        ParseWithDeadLetters.of(
            table, FirstRowLog.reporting(load.parser(), run, table.name()), load.payload(), run);
    if (!load.writes()) {
      // Rejected records: each one is a dead letter, none a row, so there is nothing to
      // deduplicate.
      PCollectionTuple parsed = records.apply(parse);
      return PCollectionTuple.of(ROWS, parsed.get(ParseWithDeadLetters.PARSED))
          .and(
              DEAD_LETTERS,
              flatten(PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS))))
          .and(READ, parsed.get(ParseWithDeadLetters.READ));
    }
    Deduplicate latest = Deduplicate.latestByFields(table.primaryKey(), load.orderingField());
    PCollectionTuple parsed;
    PCollectionList<Row> dead;
    PCollectionTuple unique;
    if (load.conflictsToDeadLetters()) {
      // Same key, same version, other content: keeping either would be a guess.
      parsed = records.apply(parse);
      PCollectionTuple checked =
          parsed
              .get(ParseWithDeadLetters.PARSED)
              .apply(DeadLetterConflicts.of(table, load.orderingField(), run));
      dead =
          PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS))
              .and(checked.get(ParseWithDeadLetters.DEAD_LETTERS));
      unique =
          checked
              .get(ParseWithDeadLetters.PARSED)
              .apply("Deduplicate", latest.countingDuplicates());
    } else {
      // Straight from the parse to the deduplication's shuffle: the rows stay the bytes the parse
      // encoded them to until the shuffle has kept one per key.
      parsed = records.apply(parse.encoded());
      dead = PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
      unique =
          parsed
              .get(ParseWithDeadLetters.PARSED_ENCODED)
              .apply("Deduplicate", latest.countingDuplicatesOfEncoded(table.schema()));
    }
    return PCollectionTuple.of(ROWS, unique.get(Deduplicate.ROWS))
        .and(DEAD_LETTERS, flatten(dead))
        .and(READ, parsed.get(ParseWithDeadLetters.READ))
        .and(DUPLICATES, unique.get(Deduplicate.DUPLICATES));
  }

  private static PCollection<Row> flatten(PCollectionList<Row> deadLetters) {
    return deadLetters
        .apply("Dead letters", Flatten.pCollections())
        .setRowSchema(Tables.DEAD_LETTERS.schema());
  }
}
