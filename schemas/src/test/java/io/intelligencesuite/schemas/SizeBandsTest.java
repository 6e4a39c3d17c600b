package io.intelligencesuite.schemas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** Backend labels and enrichment employee ranges land on the one band list. */
public class SizeBandsTest {
  @Test
  public void backendLabelsByName() {
    assertEquals("small", SizeBands.of("small"));
    assertEquals("small", SizeBands.of(" Small  School "));
    assertEquals("medium", SizeBands.of("MEDIUM"));
    assertEquals("large", SizeBands.of("large school"));
    assertEquals("large", SizeBands.of("district"));
  }

  @Test
  public void employeeRangesByTheirLowerEnd() {
    // The demo's SwanAI ranges: 1-19 small; 20-49 and 50-99 medium (20..99); 100-499 large.
    assertEquals("small", SizeBands.of("1-19"));
    assertEquals("medium", SizeBands.of("20-49"));
    assertEquals("medium", SizeBands.of("50-99"));
    assertEquals("large", SizeBands.of("100-499"));
    // Other providers' spellings: a range straddling 19/20 goes by its lower end (11 -> small);
    // open-ended and thousands-separated ranges, and a plain count (HubSpot's numberofemployees).
    assertEquals("small", SizeBands.of("11-50"));
    assertEquals("medium", SizeBands.of("51 - 200"));
    assertEquals("large", SizeBands.of("10,000+"));
    assertEquals("large", SizeBands.of("1000 to 4999"));
    assertEquals("medium", SizeBands.of("99"));
    assertEquals("large", SizeBands.of("100"));
    assertEquals("large", SizeBands.of("99999999999999999999"));
  }

  @Test
  public void anythingElseIsUnknown() {
    assertNull(SizeBands.of(null));
    assertNull(SizeBands.of("  "));
    assertNull(SizeBands.of("enterprise"));
    assertNull(SizeBands.of("-5"));
  }
}
