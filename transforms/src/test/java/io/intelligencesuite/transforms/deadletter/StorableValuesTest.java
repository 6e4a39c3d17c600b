package io.intelligencesuite.transforms.deadletter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TestTables;
import java.time.LocalDate;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class StorableValuesTest {
  private static final TableDef TABLE =
      TestTables.events(io.intelligencesuite.schemas.Refresh.REPLACE_TABLE);

  private static Row with(String field, Object value) {
    return Row.fromRow(TestTables.event(TABLE, "e1", "2026-10-01", 7))
        .withFieldValue(field, value)
        .build();
  }

  @Test
  public void ordinaryRowsPassIncludingPairedSurrogatesAndTextAtTheLimit() {
    StorableValues.check(TestTables.event(TABLE, "e1", "2099-12-31", 7));
    StorableValues.check(with("run_id", "emoji \uD83C\uDF93 ok"));
    StorableValues.check(with("run_id", "x".repeat(StorableValues.MAX_TEXT_CHARS)));
  }

  @Test
  public void eachRuleNamesTheColumn() {
    assertEquals(
        "run_id",
        assertThrows(
                BadRecordException.class,
                () ->
                    StorableValues.check(
                        with("run_id", "x".repeat(StorableValues.MAX_TEXT_CHARS + 1))))
            .field());
    BadRecordException lone =
        assertThrows(
            BadRecordException.class,
            () -> StorableValues.check(with("payload", "{\"a\":\"\uD800\"}")));
    assertEquals("payload", lone.field());
    assertEquals(
        "field 'payload': contains an unpaired UTF-16 surrogate U+D800 at character 6: not valid Unicode, "
            + "so it cannot be stored as UTF-8",
        lone.getMessage());
    assertEquals(
        "run_id",
        assertThrows(
                BadRecordException.class,
                () -> StorableValues.check(with("run_id", "low \uDC00 first")))
            .field());
    assertEquals(
        "event_date",
        assertThrows(
                BadRecordException.class,
                () -> StorableValues.check(with("event_date", LocalDate.of(9999, 12, 31))))
            .field());
    assertEquals(
        "event_ts",
        assertThrows(
                BadRecordException.class,
                () ->
                    StorableValues.check(
                        with("event_ts", new org.joda.time.Instant(4102444800000L))))
            .field()); // 2100-01-01
  }
}
