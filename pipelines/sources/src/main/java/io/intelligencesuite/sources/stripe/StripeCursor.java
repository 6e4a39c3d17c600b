package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.load.SourceCursors;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read plan of a Stripe table loaded through the Events API: {@link SourceCursors}'s rule (the
 * latest cursor of a succeeded run, minus the overlap; full on the first run or {@code
 * --fullRefresh}), where the cursor is the newest event's {@code created} a run saw. One rule of
 * Stripe's own on top: Stripe keeps events 30 days, so a cursor whose read would start before that
 * cannot see every change since, and the table is read in full instead, with a warning saying why.
 */
public final class StripeCursor {
  /** What source_cursors.cursor_column says for a Stripe table: the events' {@code created}. */
  public static final String CURSOR_COLUMN = "event_created";

  /** How long Stripe keeps events ({@code GET /v1/events} lists the last 30 days only). */
  static final Duration EVENT_RETENTION = Duration.ofDays(30);

  private static final Logger LOG = LoggerFactory.getLogger(StripeCursor.class);

  private StripeCursor() {}

  /**
   * The plan of {@code table} for {@code run}: incremental from its cursor while the events since
   * (minus the overlap) are still kept, measured from the run's start (so a rerun of a run id plans
   * as its first attempt did); otherwise full.
   */
  public static SourceCursors.Plan plan(
      WarehouseReader reader, RunContext run, String table, boolean fullRefresh, Duration overlap) {
    SourceCursors.Plan plan =
        SourceCursors.plan(reader, run, table, CURSOR_COLUMN, fullRefresh, overlap);
    if (!plan.incremental()) {
      return plan;
    }
    java.time.Instant oldestKept = run.startedAt().minus(EVENT_RETENTION);
    if (plan.readSince().getMillis() < oldestKept.toEpochMilli()) {
      LOG.warn(
          "{}: the last cursor ({}, read from {}) is older than the {} days Stripe keeps events"
              + " for, so the events cannot show every change since: read in full (a full"
              + " refresh). Run at least every {} days to stay incremental.",
          table,
          plan.previousCursor(),
          plan.readSince(),
          EVENT_RETENTION.toDays(),
          EVENT_RETENTION.toDays());
      return SourceCursors.plan(reader, run, table, CURSOR_COLUMN, true, overlap);
    }
    return plan;
  }

  /**
   * The {@code created[gt]} of the events an incremental plan reads: one second before its
   * read_since, since events are stamped in whole seconds and one stamped in read_since's own
   * second must be read.
   */
  public static long eventsAfter(SourceCursors.Plan plan) {
    if (!plan.incremental()) {
      throw new IllegalArgumentException(plan.table() + " is read in full, not from events");
    }
    return Math.floorDiv(plan.readSince().getMillis(), 1000L) - 1;
  }
}
