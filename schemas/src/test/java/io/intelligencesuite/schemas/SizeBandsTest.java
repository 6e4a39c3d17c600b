package io.intelligencesuite.schemas;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Backend labels and enrichment employee ranges land on the one band list. */
public class SizeBandsTest {
  /** Each of {@code inputs} lands on {@code band} (null: unknown). */
  private static void assertBand(String band, String... inputs) {
    for (String in : inputs) {
      assertEquals("SizeBands.of(\"" + in + "\")", band, SizeBands.of(in));
    }
  }

  @Test
  public void backendLabelsByName() {
    assertBand("small", "small", " Small  School ");
    assertBand("medium", "MEDIUM");
    assertBand("large", "large school", "district");
  }

  @Test
  public void employeeRangesByTheirLowerEnd() {
    // The demo's SwanAI ranges: 1-19 small; 20-49 and 50-99 medium (20..99); 100-499 large.
    assertBand("small", "1-19");
    assertBand("medium", "20-49", "50-99");
    assertBand("large", "100-499");
    // Other providers' spellings: a range straddling 19/20 goes by its lower end (11 -> small);
    // open-ended and thousands-separated ranges, and a plain count (HubSpot's numberofemployees).
    assertBand("small", "11-50");
    assertBand("medium", "51 - 200", "99");
    assertBand("large", "10,000+", "1000 to 4999", "100", "99999999999999999999");
  }

  @Test
  public void anythingElseIsUnknown() {
    assertBand(null, null, "  ", "enterprise", "-5");
  }
}
