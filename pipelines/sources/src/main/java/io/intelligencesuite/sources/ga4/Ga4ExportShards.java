package io.intelligencesuite.sources.ga4;

import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which GA4 export tables a window reads: the daily shard {@code events_YYYYMMDD} for each day, or,
 * with intraday enabled, {@code events_intraday_YYYYMMDD} for days whose daily shard does not exist
 * yet (GA4 deletes the intraday table once the daily one is complete). Days with neither are
 * skipped and logged by the caller. Only the window's shards are ever touched.
 *
 * <p>A shard's day (its name's suffix, for tables and for files named like them) is also what a run
 * without {@code --startDate/--endDate} replaces: the days of the shards it read, never the days
 * that appear in their rows (a shard holds late rows of earlier days, which are merged by key).
 */
final class Ga4ExportShards {
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

  /** {@code events_YYYYMMDD} or {@code events_intraday_YYYYMMDD}, with any extension. */
  private static final Pattern SHARD =
      Pattern.compile("events_(?:intraday_)?([0-9]{8})(?:\\.[A-Za-z0-9.]+)?");

  private Ga4ExportShards() {}

  /** The day of a shard from its table or file name (the last path segment), if it has one. */
  static Optional<LocalDate> day(String tableOrPath) {
    String name = tableOrPath.substring(tableOrPath.lastIndexOf('/') + 1);
    Matcher m = SHARD.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1), SUFFIX));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The days a run that read {@code shards} replaces: their days. A shard without a day in its name
   * covers no day: its rows are merged by key (the caller logs it).
   */
  static ReplaceWindow covered(List<String> shards) {
    TreeSet<LocalDate> days = new TreeSet<>();
    shards.forEach(s -> day(s).ifPresent(days::add));
    return ReplaceWindow.days(days);
  }

  /**
   * Of the export files matched, those a run with an explicit window reads: the files of the
   * window's days, and files without a day in their name (which cannot be placed).
   */
  static List<String> inWindow(List<String> files, DateWindow window) {
    List<String> kept = new ArrayList<>();
    for (String file : files) {
      Optional<LocalDate> day = day(file);
      if (day.isEmpty() || window.contains(day.get())) {
        kept.add(file);
      }
    }
    return kept;
  }

  static List<String> select(
      DateWindow window, boolean includeIntraday, Predicate<String> tableExists) {
    List<String> tables = new ArrayList<>();
    for (LocalDate day = window.start(); !day.isAfter(window.end()); day = day.plusDays(1)) {
      String daily = "events_" + SUFFIX.format(day);
      String intraday = "events_intraday_" + SUFFIX.format(day);
      if (tableExists.test(daily)) {
        tables.add(daily);
      } else if (includeIntraday && tableExists.test(intraday)) {
        tables.add(intraday);
      }
    }
    return tables;
  }
}
