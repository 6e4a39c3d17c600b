package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.sources.jdbc.DeadLetterConflicts;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Beam half of an API source: the records were fetched completely before the pipeline was
 * built (so a failed fetch never reaches a write), and each target table gets the usual shape,
 * parse (dead letters) -> conflicting duplicates to dead letters -> deduplicate by primary key ->
 * write, in parallel; records the fetch could not decode ({@link #rejected}) become dead letters
 * too. {@link #record()} writes the dead letters once and the run's audit row, where rows read are
 * the records handed in.
 */
public final class ApiSnapshotLoad {
  private final Pipeline pipeline;
  private final RunContext run;
  private final List<PCollection<Long>> read = new ArrayList<>();
  private final List<PCollection<Long>> duplicates = new ArrayList<>();
  private final List<PCollection<Row>> deadLetters = new ArrayList<>();
  private final RunAudit audit;

  public ApiSnapshotLoad(Pipeline pipeline, RunContext run) {
    this.pipeline = pipeline;
    this.run = run;
    this.audit = RunAudit.of(run);
  }

  /**
   * One table: {@code records} (JSON text, one per row) parsed by {@code parser}, deduplicated on
   * the table's primary key keeping the latest by {@code orderingField}, written replacing
   * {@code window} (or, without one, what the table's refresh mode replaces).
   */
  public ApiSnapshotLoad table(TableDef table, List<String> records, ParseWithDeadLetters.Parser<String> parser,
      String orderingField, @Nullable DateWindow window) {
    String name = table.name();
    PCollection<String> in = pipeline.apply("Fetched " + name, Create.of(records).withCoder(StringUtf8Coder.of()));
    read.add(Counts.of(in, name + " records"));
    PCollectionTuple parsed = in.apply(ParseWithDeadLetters.ofLines(table, parser, run));
    // Same id, same version, different content: keeping either would be a guess (as for the JDBC sources).
    PCollectionTuple checked = parsed.get(ParseWithDeadLetters.PARSED)
        .apply(DeadLetterConflicts.of(table, orderingField, run));
    PCollection<Row> rows = checked.get(ParseWithDeadLetters.PARSED);
    PCollection<Row> unique = rows.apply("Deduplicate " + name,
        Deduplicate.latestByFields(table.primaryKey(), orderingField));
    duplicates.add(Counts.minus(Counts.of(rows, name + " parsed"), Counts.of(unique, name + " unique"),
        name + " duplicates"));
    deadLetters.add(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
    deadLetters.add(checked.get(ParseWithDeadLetters.DEAD_LETTERS));
    audit.written(table, unique.apply(WriteTable.to(table, run.warehouse()).replacingWindow(window)));
    return this;
  }

  /**
   * Records the fetch read but could not decode (see {@link #rejection}): counted as read and
   * dead-lettered to {@code table} with their field and reason, through the same dead-letter parse.
   */
  public ApiSnapshotLoad rejected(TableDef table, List<String> rejections) {
    String name = table.name();
    PCollection<String> in = pipeline.apply("Rejected at fetch " + name,
        Create.of(rejections).withCoder(StringUtf8Coder.of()));
    read.add(Counts.of(in, name + " rejected records"));
    deadLetters.add(in.apply("Dead-letter rejected " + name, ParseWithDeadLetters.ofLines(table,
        ApiSnapshotLoad::rejectAgain, run)).get(ParseWithDeadLetters.DEAD_LETTERS));
    return this;
  }

  /** A record the fetch rejected, as its dead letter's payload: the field, the reason and the record itself. */
  public static String rejection(@Nullable String field, String reason, JsonNode record) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("rejected_field", field);
    r.put("rejected_reason", reason);
    r.set("record", record);
    return r.toString();
  }

  private static Row rejectAgain(String rejection) {
    JsonNode r = Json.parse(rejection);
    throw new BadRecordException(Json.text(r, "rejected_field"), Json.requiredText(r, "rejected_reason"));
  }

  /** Writes the dead letters and the run's audit row (which fails the run if it does not balance). */
  public void record() {
    PCollection<Row> dead = PCollectionList.of(deadLetters).apply("All dead letters", Flatten.pCollections())
        .setRowSchema(Tables.DEAD_LETTERS.schema());
    audit.read(sum(read, "read"))
        .duplicatesRemoved(sum(duplicates, "duplicates"))
        .deadLettered(dead.apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse())))
        .record();
  }

  private static PCollection<Long> sum(List<PCollection<Long>> counts, String what) {
    return PCollectionList.of(counts).apply("All " + what, Flatten.pCollections())
        .apply("Sum " + what, Sum.longsGlobally());
  }
}
