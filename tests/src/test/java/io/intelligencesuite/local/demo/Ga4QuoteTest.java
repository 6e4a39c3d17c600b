package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The GA4 writer's JSON string literals: plain values as they are, the rest escaped. */
public class Ga4QuoteTest {
  private static String quote(String s) {
    StringBuilder b = new StringBuilder();
    Ga4Writer.quote(b, s);
    return b.toString();
  }

  @Test
  public void plainValuesAreQuotedAsTheyAre() {
    assertEquals("null", quote(null));
    assertEquals("\"\"", quote(""));
    assertEquals("\"Timetable builder | ClassHarbor\"", quote("Timetable builder | ClassHarbor"));
  }

  @Test
  public void quotesBackslashesAndControlCharactersAreEscaped() {
    // a"b\c, a newline, a tab, a carriage return and U+0001.
    assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\u0001\"", quote("a\"b\\c\n\t\r\u0001"));
  }
}
