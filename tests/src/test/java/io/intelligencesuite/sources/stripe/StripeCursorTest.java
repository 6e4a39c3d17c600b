package io.intelligencesuite.sources.stripe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.load.SourceCursors;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.time.Duration;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Where a Stripe run reads events from: the last succeeded run's cursor minus the overlap, as the
 * JDBC sources; in full when that is before the 30 days Stripe keeps events, or on request.
 */
public class StripeCursorTest {
  private static final String CURSOR = "2026-11-01T12:00:30Z";

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  @Before
  public void fixture() throws Exception {
    DuckDbQueries db = warehouses.queries();
    db.append(
        Tables.PIPELINE_RUNS, List.of(TestTables.runRow("s1", StripePipeline.NAME, "succeeded")));
    db.append(
        Tables.SOURCE_CURSORS,
        List.of(
            TestTables.cursorRow(
                "s1",
                StripePipeline.NAME,
                "customers",
                StripeCursor.CURSOR_COLUMN,
                CURSOR,
                CURSOR)));
  }

  /** Run s2 of the Stripe pipeline, started at {@code startedAt}, on the fixture's warehouse. */
  private RunContext run(String startedAt) {
    return TestTables.run("s2", StripePipeline.NAME, startedAt, warehouses.spec());
  }

  private DuckDbWarehouseReader reader() {
    return new DuckDbWarehouseReader(warehouses.warehouse());
  }

  private SourceCursors.Plan plan(String startedAt, boolean fullRefresh) {
    return StripeCursor.plan(
        reader(), run(startedAt), "customers", fullRefresh, Duration.ofMinutes(60));
  }

  @Test
  public void aRecentCursorReadsTheEventsSinceItMinusTheOverlap() {
    SourceCursors.Plan p = plan("2026-11-02T00:00:00Z", false);
    assertTrue(p.incremental());
    assertEquals(Instant.parse("2026-11-01T11:00:30Z"), p.readSince());
    // 2026-11-01T11:00:30Z is 1,793,530,830 s since the epoch (20,758 days * 86,400 + 39,630);
    // created[gt] one second before it, so an event stamped in that second is read.
    assertEquals(1_793_530_829L, StripeCursor.eventsAfter(p));
  }

  @Test
  public void aCursorOlderThanStripesThirtyDaysOfEventsReadsInFull() {
    // read_since 2026-11-01T11:00:30Z; events kept from 30 days before the start.
    assertTrue(plan("2026-12-01T11:00:00Z", false).incremental()); // kept from 11-01T11:00:00
    SourceCursors.Plan old = plan("2026-12-01T11:01:00Z", false); // kept from 11-01T11:01:00
    assertFalse(old.incremental());
    assertEquals("full", old.mode());
    assertNull(old.readSince());
  }

  @Test
  public void fullRefreshReadsInFull() {
    assertFalse(plan("2026-11-02T00:00:00Z", true).incremental());
  }

  /**
   * Each list plans from its own table's cursor, and invoices and charges go together: the
   * fixture's run s1 left cursors for customers and (added here) invoices, none for payments (a
   * warehouse from before payments had one). Customers read from events; subscriptions have no
   * cursor, so they are listed; charges have none, so they are listed, and with them the invoices
   * despite their cursor (a payment's invoice link needs every invoice). With --since, invoices and
   * charges have no plan at all: the window read leaves their cursors alone.
   */
  @Test
  public void invoicesAndChargesAreReadFromEventsTogetherOrListedTogether() throws Exception {
    warehouses
        .queries()
        .append(
            Tables.SOURCE_CURSORS,
            List.of(
                TestTables.cursorRow(
                    "s1",
                    StripePipeline.NAME,
                    "invoices",
                    StripeCursor.CURSOR_COLUMN,
                    CURSOR,
                    CURSOR)));
    RunContext run = run("2026-11-02T00:00:00Z");
    java.util.Map<StripeResource, SourceCursors.Plan> plans =
        StripePipeline.plans(reader(), run, false, Duration.ofMinutes(60), false);
    assertEquals(
        "{CUSTOMERS=incremental, SUBSCRIPTIONS=full, INVOICES=full, CHARGES=full}", modes(plans));
    assertEquals("payments", plans.get(StripeResource.CHARGES).table());
    plans = StripePipeline.plans(reader(), run, false, Duration.ofMinutes(60), true);
    assertEquals("{CUSTOMERS=incremental, SUBSCRIPTIONS=full}", modes(plans));
  }

  private static String modes(java.util.Map<StripeResource, SourceCursors.Plan> plans) {
    java.util.Map<StripeResource, String> modes = new java.util.EnumMap<>(StripeResource.class);
    plans.forEach((list, plan) -> modes.put(list, plan.mode()));
    return modes.toString();
  }
}
