package io.intelligencesuite.sources.ga4;

import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which GA4 export tables a window reads: the daily shard {@code events_YYYYMMDD} for each day, or,
 * with intraday enabled, {@code events_intraday_YYYYMMDD} for days whose daily shard does not exist
 * yet (GA4 deletes the intraday table once the daily one is complete). Days with neither are
 * skipped and logged by the caller. Only the window's shards are ever touched.
 */
final class Ga4ExportShards {
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

  private Ga4ExportShards() {}

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
