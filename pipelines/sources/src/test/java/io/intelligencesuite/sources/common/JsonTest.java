package io.intelligencesuite.sources.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.util.List;
import org.junit.Test;

/** The typed getters: numbers from JSON numbers or strings, required fields, bad values named. */
public class JsonTest {
  private static final JsonNode NODE =
      Json.parse(
          "{\"n\": 42, \"s\": \"43\", \"d\": \"1.5\", \"x\": \"4x\", \"b\": true, \"e\": \"\","
              + " \"nested\": {\"n\": 7}}");

  @Test
  public void numbersComeFromJsonNumbersOrStrings() {
    assertEquals(Long.valueOf(42), Json.longValue(NODE, "n"));
    assertEquals(Long.valueOf(43), Json.longValue(NODE, "s"));
    assertEquals(Long.valueOf(7), Json.longValue(NODE, "nested.n"));
    assertEquals(Double.valueOf(1.5), Json.doubleValue(NODE, "d"));
    assertEquals(Double.valueOf(42), Json.doubleValue(NODE, "n"));
    assertNull(Json.longValue(NODE, "absent"));
    assertNull(Json.doubleValue(NODE, "absent"));
  }

  /** A getter call on a bad or missing value, and the dead-letter message it must raise. */
  private record BadValue(Runnable call, String message) {}

  @Test
  public void aBadOrMissingValueNamesItsFieldAndWhatWasExpected() {
    List<BadValue> cases =
        List.of(
            new BadValue(
                () -> Json.longValue(NODE, "x"),
                "field 'x': expected an integer, got STRING \"4x\""),
            new BadValue(
                () -> Json.doubleValue(NODE, "x"),
                "field 'x': expected a number, got STRING \"4x\""),
            new BadValue(
                () -> Json.longValue(NODE, "b"),
                "field 'b': expected an integer, got BOOLEAN true"),
            new BadValue(() -> Json.requiredText(NODE, "e"), "field 'e': is required but missing"),
            new BadValue(
                () -> Json.requiredText(NODE, "absent"), "field 'absent': is required but missing"),
            new BadValue(
                () -> Json.requiredLong(NODE, "absent"),
                "field 'absent': is required but missing"));
    for (BadValue c : cases) {
      assertEquals(c.message(), assertThrows(BadRecordException.class, c.call()::run).getMessage());
    }
  }

  @Test
  public void requiredValuesArePassedOn() {
    assertEquals("43", Json.requiredText(NODE, "s"));
    assertEquals(42L, Json.requiredLong(NODE, "n"));
  }
}
