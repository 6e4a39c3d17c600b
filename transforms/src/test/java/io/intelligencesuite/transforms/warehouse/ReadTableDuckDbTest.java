package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static io.intelligencesuite.transforms.testing.TestTables.event;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class ReadTableDuckDbTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  @Test
  public void readsBackExactlyWhatWasWrittenNullsTimesAndDatesIncluded() {
    Warehouse warehouse = duck.warehouse();
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    Row withNulls =
        io.intelligencesuite.schemas.RowBuilder.of(t)
            .set("event_id", "n")
            .set("event_date", java.time.LocalDate.parse("1999-12-31"))
            .set("event_ts", new org.joda.time.Instant(946_684_799_999L))
            .build();
    List<Row> rows =
        List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-03-29", 7), withNulls);
    runOnDirect(
        p -> p.apply(Create.of(rows).withRowSchema(t.schema())).apply(WriteTable.to(t, warehouse)));

    runOnDirect(p -> PAssert.that(p.apply(ReadTable.from(t, warehouse))).containsInAnyOrder(rows));
  }

  @Test
  public void chosenColumnsReadAsRowsOfJustThoseColumnsEveryShardIncluded() {
    Warehouse warehouse = duck.warehouse();
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) { // more rows than ReadTable.SHARDS: every shard has some
      rows.add(event(t, "e" + i, "2026-01-0" + (i + 1), i));
    }
    runOnDirect(
        p -> p.apply(Create.of(rows).withRowSchema(t.schema())).apply(WriteTable.to(t, warehouse)));

    ReadTable read = ReadTable.from(t, warehouse).columns("amount", "event_id");
    org.apache.beam.sdk.schemas.Schema narrow = read.schema();
    // Table order, not the order asked for; types and nullability as in the registry.
    org.junit.Assert.assertEquals(List.of("event_id", "amount"), narrow.getFieldNames());
    org.junit.Assert.assertEquals(
        t.schema().getField("amount").getType(), narrow.getField("amount").getType());
    List<Row> expected = new java.util.ArrayList<>();
    for (Row r : rows) {
      expected.add(
          Row.withSchema(narrow).addValues(r.getString("event_id"), r.getInt64("amount")).build());
    }
    runOnDirect(p -> PAssert.that(p.apply(read)).containsInAnyOrder(expected));
  }

  @Test
  public void distinctWithCountsGivesEachCombinationWithTheRowsItStandsFor() {
    Warehouse warehouse = duck.warehouse();
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    List<Row> rows = new java.util.ArrayList<>();
    // 9 rows (every shard has some): amounts 0, 1 and 2 three times each.
    for (int i = 0; i < 9; i++) {
      rows.add(event(t, "e" + i, "2026-01-0" + (i + 1), i % 3));
    }
    runOnDirect(
        p -> p.apply(Create.of(rows).withRowSchema(t.schema())).apply(WriteTable.to(t, warehouse)));

    ReadTable read = ReadTable.from(t, warehouse).columns("amount").distinctWithCounts();
    org.junit.Assert.assertEquals(
        List.of("amount", ReadTable.TABLE_ROWS), read.schema().getFieldNames());
    runOnDirect(
        p -> {
          org.apache.beam.sdk.values.PCollection<Row> counted = p.apply(read);
          // A shard groups its own rows: an amount may come once per shard, its counts add up.
          PAssert.that(counted)
              .satisfies(
                  got -> {
                    java.util.Map<Long, Long> perAmount = new java.util.TreeMap<>();
                    for (Row r : got) {
                      perAmount.merge(r.getInt64("amount"), ReadTable.rowsIn(r), Long::sum);
                    }
                    org.junit.Assert.assertEquals(
                        java.util.Map.of(0L, 3L, 1L, 3L, 2L, 3L), perAmount);
                    return null;
                  });
          PAssert.thatSingleton(
                  io.intelligencesuite.transforms.audit.Counts.ofAll(
                      java.util.Map.of("events", counted), "rows read", ReadTable::rowsIn))
              .isEqualTo(9L);
        });
  }

  @Test(expected = IllegalArgumentException.class)
  public void anUnknownColumnFailsAtOnce() {
    ReadTable.from(TestTables.events(Refresh.REPLACE_TABLE), duck.warehouse()).columns("nope");
  }

  @Test
  public void aTableNoPipelineHasWrittenYetReadsAsEmpty() {
    Warehouse warehouse = duck.warehouse();
    TableDef t = TestTables.events(Refresh.APPEND_BY_RUN);
    runOnDirect(p -> PAssert.that(p.apply(ReadTable.from(t, warehouse))).empty());
  }
}
