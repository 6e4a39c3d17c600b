package io.intelligencesuite.transforms.load;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What becomes of one source's records on their way to one table: the parser, the dead-letter
 * payload of a rejected record, the field that orders versions of a primary key (the latest wins),
 * and the day partitions the write replaces. {@link CleanTable} applies it; {@link LoadSource}
 * loads every table of a run with it.
 */
public record TableLoad<InputT>(
    TableDef table,
    @Nullable String orderingField,
    ParseWithDeadLetters.Parser<InputT> parser,
    SerializableFunction<InputT, String> payload,
    @Nullable ReplaceWindow replace,
    boolean conflictsToDeadLetters)
    implements Serializable {

  /**
   * Records parsed into {@code table}, the latest version per primary key by {@code orderingField}
   * kept.
   */
  public static <T> TableLoad<T> of(
      TableDef table,
      String orderingField,
      ParseWithDeadLetters.Parser<T> parser,
      SerializableFunction<T, String> payload) {
    return new TableLoad<>(table, orderingField, parser, payload, null, true);
  }

  /** For text records (a JSON line, an API object), which are their own dead-letter payload. */
  public static TableLoad<String> ofText(
      TableDef table, String orderingField, ParseWithDeadLetters.Parser<String> parser) {
    return of(table, orderingField, parser, text -> text);
  }

  /**
   * Records the read already rejected (an API object it could not decode): counted as read and
   * dead-lettered to {@code table} through {@code parser}, which throws for every one of them;
   * nothing is written to {@code table}, so these records can never replace it with an empty
   * snapshot.
   */
  public static TableLoad<String> rejected(
      TableDef table, ParseWithDeadLetters.Parser<String> parser) {
    return new TableLoad<>(table, null, parser, text -> text, null, false);
  }

  /**
   * For a source read by date range: replace exactly the days of {@code window} (every day when
   * null: the run read the whole source) and merge rows dated outside it by primary key. See {@link
   * ReplaceWindow}.
   */
  public TableLoad<InputT> replacing(@Nullable DateWindow window) {
    return replacing(ReplaceWindow.ofRead(window));
  }

  /** Replace exactly the days {@code window} covers; merge every other row by primary key. */
  public TableLoad<InputT> replacing(ReplaceWindow window) {
    return new TableLoad<>(table, orderingField, parser, payload, window, conflictsToDeadLetters);
  }

  /**
   * Leaves rows with the same key and version but other content to the deduplication's tie-break
   * instead of dead-lettering them (GA4: a hashed event id, where the check's shuffle would cost
   * more than it finds).
   */
  public TableLoad<InputT> keepingConflicts() {
    return new TableLoad<>(table, orderingField, parser, payload, replace, false);
  }

  /** False for {@link #rejected} records: they only become dead letters. */
  public boolean writes() {
    return orderingField != null;
  }
}
