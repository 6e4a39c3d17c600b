package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/**
 * Schema evolution on DuckDB ({@link SchemaDrift}, {@link DuckDbSchema}): a table written under an
 * older registry gains the new NULLABLE columns on its next write and reads them as NULL until
 * then; a breaking change is refused before anything is staged, naming the table, the column and
 * the fix, and leaves the table as it was.
 */
public class SchemaEvolutionDuckDbTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  // The registry's test table: event_id, event_date, event_ts, amount, score, is_paid, payload,
  // run_id. "Older" tables below are it without some column, as created before it was added.
  private final TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);

  private void write(TableDef table, List<Row> rows) {
    runOnDirect(
        p -> {
          PCollection<Long> written =
              p.apply(Create.of(rows).withRowSchema(table.schema()))
                  .apply(
                      WriteTable.to(table, duck.warehouse())
                          .replacingWindow(ReplaceWindow.noDays()));
          PAssert.thatSingleton(written).isEqualTo((long) rows.size());
        });
  }

  /** The registry DDL of {@code table} without the line declaring {@code column}. */
  private static String ddlWithout(TableDef table, String column) {
    return String.join(
        "\n",
        Arrays.stream(DuckDbDdl.createTable(table).split("\n"))
            .filter(line -> !line.trim().startsWith(column + " "))
            .toList());
  }

  /** An older table: no {@code score} (a middle column), one row written back then. */
  private void olderTableWithoutScore() throws Exception {
    duck.queries().execute(ddlWithout(t, "score").replace(",\n)", "\n)"));
    duck.queries()
        .execute(
            "INSERT INTO "
                + t.name()
                + " (event_id, event_date, event_ts, amount, is_paid, payload, run_id) VALUES"
                + " ('old', DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:00', 3, false, '{}', 'r0')");
  }

  @Test
  public void aNullableColumnAddedInTheMiddleIsAddedAndEveryValueLandsInItsOwnColumn()
      throws Exception {
    olderTableWithoutScore();

    // event(t, "new", ..., 6): amount 6, score 6 / 4.0 = 1.5, is_paid (6 even) true.
    write(t, List.of(event(t, "new", "2026-01-02", 6)));

    // ALTER TABLE ADD COLUMN put score last; the write named its columns, so nothing shifted.
    assertEquals(
        List.of(
            List.of("event_id"),
            List.of("event_date"),
            List.of("event_ts"),
            List.of("amount"),
            List.of("is_paid"),
            List.of("payload"),
            List.of("run_id"),
            List.of("score")),
        duck.queries()
            .rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = '"
                    + t.name()
                    + "' ORDER BY ordinal_position"));
    assertEquals(
        List.of(
            Arrays.asList("new", 6L, 1.5, true, "{\"n\":6}"),
            Arrays.asList("old", 3L, null, false, "{}")),
        duck.queries()
            .rows(
                "SELECT event_id, amount, score, is_paid, payload FROM "
                    + t.name()
                    + " ORDER BY event_id"));
  }

  @Test
  public void aTableWithoutANewNullableColumnReadsItAsNullUntilItsNextWrite() throws Exception {
    // The case users hit: a demo warehouse written before subscription_items had
    // tax_behavior
    // failed the new marts with DuckDB's "Binder Error: column tax_behavior not found".
    TableDef items = Tables.SUBSCRIPTION_ITEMS;
    duck.queries().execute(ddlWithout(items, "tax_behavior"));
    duck.queries()
        .execute(
            "INSERT INTO subscription_items (subscription_item_id, subscription_id, quantity,"
                + " created_at) VALUES ('si_1', 'sub_1', 2, TIMESTAMP '2026-01-01 00:00:00')");
    Row expected =
        RowBuilder.of(items)
            .set("subscription_item_id", "si_1")
            .set("subscription_id", "sub_1")
            .set("quantity", 2L)
            .set("created_at", new org.joda.time.Instant(1_767_225_600_000L)) // 2026-01-01Z
            .build();

    runOnDirect(
        p ->
            PAssert.that(p.apply(ReadTable.from(items, duck.warehouse())))
                .containsInAnyOrder(expected));
    // Reading changed nothing: the table still lacks the column (its next write adds it).
    assertEquals(
        0L,
        ((Number)
                duck.queries()
                    .value(
                        "SELECT count(*) FROM information_schema.columns WHERE table_name ="
                            + " 'subscription_items' AND column_name = 'tax_behavior'"))
            .longValue());
  }

  @Test
  public void aRequiredColumnMadeNullableIsRelaxedSoANullLands() throws Exception {
    duck.queries()
        .execute(DuckDbDdl.createTable(t).replace("amount BIGINT", "amount BIGINT NOT NULL"));
    Row noAmount =
        RowBuilder.of(t)
            .set("event_id", "x")
            .set("event_date", java.time.LocalDate.parse("2026-01-03"))
            .set("event_ts", new org.joda.time.Instant(0L))
            .build();
    write(t, List.of(noAmount));
    assertEquals(
        Arrays.asList("x", null),
        duck.queries().rows("SELECT event_id, amount FROM " + t.name()).get(0));
  }

  /** Writes one row into a table created by {@code ddl}; asserts it is refused and unchanged. */
  private String refused(String ddl) throws Exception {
    duck.queries().execute(ddl);
    boolean hasTs = ddl.contains("event_ts");
    duck.queries()
        .execute(
            "INSERT INTO "
                + t.name()
                + " (event_id, event_date"
                + (hasTs ? ", event_ts" : "")
                + ") VALUES ('kept', DATE '2026-01-01'"
                + (hasTs ? ", TIMESTAMP '2026-01-01 00:00:00'" : "")
                + ")");
    List<List<Object>> before = duck.queries().rows("SELECT * FROM " + t.name());
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> write(t, List.of(event(t, "a", "2026-01-01", 1))));
    assertEquals(before, duck.queries().rows("SELECT * FROM " + t.name()));
    // Refused before staging: no stage table was left behind.
    assertEquals(
        0L,
        ((Number)
                duck.queries()
                    .value(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE"
                            + " '_stage_%'"))
            .longValue());
    assertThat(e.getMessage(), containsString("Schema change refused: " + t.name()));
    assertThat(e.getMessage(), containsString("nothing was written to " + t.name()));
    return e.getMessage();
  }

  @Test
  public void aRemovedColumnIsRefusedNamingBothFixes() throws Exception {
    String message =
        refused(DuckDbDdl.createTable(t).replace("run_id VARCHAR", "run_id VARCHAR,\n  note DATE"));
    assertThat(message, containsString("note is in the table but no longer in the registry"));
    assertThat(message, containsString("ALTER TABLE " + t.name() + " DROP COLUMN note"));
  }

  @Test
  public void aRenamedColumnIsRefusedSuggestingTheRename() throws Exception {
    // score (DOUBLE) was called points before: the one missing column of the same type.
    String message = refused(DuckDbDdl.createTable(t).replace("score DOUBLE", "points DOUBLE"));
    assertThat(message, containsString("points is in the table but no longer in the registry"));
    assertThat(message, containsString("(renamed to score?)"));
    assertThat(
        message, containsString("ALTER TABLE " + t.name() + " RENAME COLUMN points TO score"));
  }

  @Test
  public void aChangedTypeIsRefused() throws Exception {
    String message = refused(DuckDbDdl.createTable(t).replace("amount BIGINT", "amount VARCHAR"));
    assertThat(
        message, containsString("amount is VARCHAR in the table but BIGINT in the registry"));
    assertThat(message, containsString("DROP TABLE " + t.name() + " and rerun its pipeline"));
  }

  @Test
  public void aNullableColumnMadeRequiredIsRefused() throws Exception {
    String message =
        refused(
            DuckDbDdl.createTable(t).replace("event_ts TIMESTAMP NOT NULL", "event_ts TIMESTAMP"));
    assertThat(
        message, containsString("event_ts is NULLABLE in the table but REQUIRED in the registry"));
  }

  @Test
  public void aNewRequiredColumnIsRefusedForWritesAndReads() throws Exception {
    String ddl = ddlWithout(t, "event_ts");
    String message = refused(ddl);
    assertThat(
        message, containsString("event_ts is REQUIRED in the registry but the table has no"));
    RuntimeException read =
        assertThrows(
            RuntimeException.class,
            () -> runOnDirect(p -> p.apply(ReadTable.from(t, duck.warehouse()))));
    assertThat(read.getMessage(), containsString("nothing was read from it"));
  }

  @Test
  public void aSnapshotTableIsRebuiltOnABreakingChangeSinceTheRunRewritesItWhole()
      throws Exception {
    TableDef snapshot = TestTables.events(Refresh.REPLACE_TABLE);
    duck.queries()
        .execute(DuckDbDdl.createTable(snapshot).replace("amount BIGINT", "amount VARCHAR"));
    write(snapshot, List.of(event(snapshot, "a", "2026-01-01", 1)));
    assertEquals(
        List.of(List.of("BIGINT")),
        duck.queries()
            .rows(
                "SELECT data_type FROM information_schema.columns WHERE table_name = '"
                    + snapshot.name()
                    + "' AND column_name = 'amount'"));
  }
}
