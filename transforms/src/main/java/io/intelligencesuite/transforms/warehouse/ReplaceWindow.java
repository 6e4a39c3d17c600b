package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The days a run covers, carried with the write of a {@link Refresh#REPLACE_PARTITIONS} table: the
 * one home of the rerun rule on both warehouses.
 *
 * <p>A run replaces exactly the days it covers, including days where it found no rows (those end
 * empty), and merges every other row it writes by primary key: a row dated outside the window (a
 * late event in a later GA4 shard) replaces the row with the same key and deletes nothing else. The
 * covered days come from what the run read (its {@code --startDate/--endDate}, or the days of the
 * export shards it read), never from the days that happen to appear in its rows: a rerun of one
 * shard holding one late row of an earlier day must not wipe that earlier day.
 *
 * <p>Both sinks apply it with the same statement, {@link #deleteStatement}, before inserting the
 * staged rows in the same transaction.
 */
public final class ReplaceWindow implements Serializable {
  private final boolean allDays;
  private final List<DateWindow> ranges;

  private ReplaceWindow(boolean allDays, List<DateWindow> ranges) {
    this.allDays = allDays;
    this.ranges = List.copyOf(ranges);
  }

  /** The days of {@code window}, inclusive. */
  public static ReplaceWindow days(DateWindow window) {
    return new ReplaceWindow(false, List.of(window));
  }

  /** These days (not necessarily consecutive), e.g. the days of the export shards a run read. */
  public static ReplaceWindow days(Collection<LocalDate> days) {
    List<DateWindow> ranges = new ArrayList<>();
    LocalDate start = null;
    LocalDate end = null;
    for (LocalDate day : new TreeSet<>(days)) {
      if (end != null && day.equals(end.plusDays(1))) {
        end = day;
        continue;
      }
      if (start != null) {
        ranges.add(new DateWindow(start, end));
      }
      start = day;
      end = day;
    }
    if (start != null) {
      ranges.add(new DateWindow(start, end));
    }
    return new ReplaceWindow(false, ranges);
  }

  /** Every day: the run read the source's whole history, so the whole table is replaced. */
  public static ReplaceWindow allDays() {
    return new ReplaceWindow(true, List.of());
  }

  /**
   * No day: the run cannot say which days it covers (files without a day in their name), so every
   * row is merged by primary key and nothing else is deleted.
   */
  public static ReplaceWindow noDays() {
    return new ReplaceWindow(false, List.of());
  }

  /**
   * The window of a source read by date range: its days, or, for a run without {@code
   * --startDate/--endDate} (which reads everything), every day.
   */
  public static ReplaceWindow ofRead(@Nullable DateWindow window) {
    return window == null ? allDays() : days(window);
  }

  public boolean coversAllDays() {
    return allDays;
  }

  /**
   * The covered days as inclusive ranges, in order; empty for {@link #allDays} and {@link #noDays}.
   */
  public List<DateWindow> ranges() {
    return ranges;
  }

  /**
   * {@code DELETE} of what a write of {@code table} replaces in {@code target} before it inserts
   * the rows staged in {@code stage}, by the table's {@link Refresh}: everything (a snapshot), the
   * staged runs' rows (a log keyed by run id: replaying a run, or a run's final row replacing its
   * {@code running} row), or the window's days and the staged keys ({@code window} required).
   */
  public static String deleteScope(
      TableDef table, @Nullable ReplaceWindow window, String target, String stage) {
    switch (table.refresh()) {
      case REPLACE_TABLE:
        return "DELETE FROM " + target + " WHERE TRUE";
      case APPEND_BY_RUN:
        return "DELETE FROM "
            + target
            + " WHERE run_id IN (SELECT DISTINCT run_id FROM "
            + stage
            + ")";
      case REPLACE_PARTITIONS:
        if (window == null) {
          throw new IllegalArgumentException(table.name() + " needs the run's ReplaceWindow");
        }
        return window.deleteStatement(table, target, stage);
      default:
        throw new IllegalStateException("Unknown refresh " + table.refresh());
    }
  }

  /**
   * {@code INSERT} of the rows staged in {@code stage} into {@code target}, naming the registry's
   * columns: a column added to a live table sits at its end, so a positional {@code SELECT *} would
   * put values in the wrong columns. Valid GoogleSQL and DuckDB SQL.
   */
  public static String insertStaged(TableDef table, String target, String stage) {
    String columns = table.columns().stream().map(Column::name).collect(Collectors.joining(", "));
    return "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + stage;
  }

  /**
   * {@code DELETE} of what a write replaces in {@code target} (aliased {@code t}) before it inserts
   * the rows staged in {@code stage}: every row of a covered day, and every row whose primary key
   * is staged (the merge of rows outside the window). Valid GoogleSQL and DuckDB SQL; the caller
   * quotes the two table references for its warehouse.
   */
  public String deleteStatement(TableDef table, String target, String stage) {
    if (table.refresh() != Refresh.REPLACE_PARTITIONS) {
      throw new IllegalArgumentException(
          table.name() + " is " + table.refresh() + "; a replace window is for REPLACE_PARTITIONS");
    }
    String day = "CAST(t." + table.partitionColumn().orElseThrow() + " AS DATE)";
    String sameKey =
        table.primaryKey().stream()
            .map(k -> "s." + k + " = t." + k)
            .collect(Collectors.joining(" AND "));
    return "DELETE FROM "
        + target
        + " AS t WHERE "
        + coveredPredicate(day)
        + " OR EXISTS (SELECT 1 FROM "
        + stage
        + " AS s WHERE "
        + sameKey
        + ")";
  }

  /** A SQL predicate true for the covered days of {@code dayExpression} (a DATE). */
  String coveredPredicate(String dayExpression) {
    if (allDays) {
      return "TRUE";
    }
    if (ranges.isEmpty()) {
      return "FALSE";
    }
    return ranges.stream()
        .map(r -> dayExpression + " BETWEEN DATE '" + r.start() + "' AND DATE '" + r.end() + "'")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplaceWindow w && w.allDays == allDays && w.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode() * 31 + (allDays ? 1 : 0);
  }

  /** For logs and {@code pipeline_runs}: "all days", "no day (merge only)" or the ranges. */
  @Override
  public String toString() {
    if (allDays) {
      return "all days";
    }
    if (ranges.isEmpty()) {
      return "no day (merge by key only)";
    }
    return ranges.stream().map(DateWindow::toString).collect(Collectors.joining(","));
  }
}
