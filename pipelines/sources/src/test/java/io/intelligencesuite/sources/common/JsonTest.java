package io.intelligencesuite.sources.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import org.junit.Test;

/** The typed getters: numbers from JSON numbers or strings, required fields, bad values named. */
public class JsonTest {
  private static final JsonNode NODE =
      Json.parse(
          "{\"n\": 42, \"s\": \"43\", \"d\": \"1.5\", \"x\": \"4x\", \"b\": true, \"e\": \"\","
              + " \"nested\": {\"n\": 7}}");

  private static String message(Runnable r) {
    return assertThrows(BadRecordException.class, r::run).getMessage();
  }

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

  @Test
  public void aValueThatIsNoNumberNamesItsFieldAndWhatWasExpected() {
    assertEquals(
        "field 'x': expected an integer, got STRING \"4x\"",
        message(() -> Json.longValue(NODE, "x")));
    assertEquals(
        "field 'x': expected a number, got STRING \"4x\"",
        message(() -> Json.doubleValue(NODE, "x")));
    assertEquals(
        "field 'b': expected an integer, got BOOLEAN true",
        message(() -> Json.longValue(NODE, "b")));
  }

  @Test
  public void requiredFieldsMustBePresentAndTextNonEmpty() {
    assertEquals("43", Json.requiredText(NODE, "s"));
    assertEquals(42L, Json.requiredLong(NODE, "n"));
    assertEquals("field 'e': is required but missing", message(() -> Json.requiredText(NODE, "e")));
    assertEquals(
        "field 'absent': is required but missing",
        message(() -> Json.requiredText(NODE, "absent")));
    assertEquals(
        "field 'absent': is required but missing",
        message(() -> Json.requiredLong(NODE, "absent")));
  }
}
