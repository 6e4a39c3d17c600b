package io.intelligencesuite.sources.enrichment;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.Test;

/** SwanAI's company country and employee band reach visitor_enrichment; G2 has neither. */
public class EnrichmentFirmographicsTest {
  /** The parsed record's company country and employee range; returns the row for more checks. */
  private static Row assertFirmographics(
      String record, @Nullable String country, @Nullable String employeeRange) {
    Row r = EnrichmentProviders.parse(record);
    assertEquals(country, r.getString("company_country"));
    assertEquals(employeeRange, r.getString("employee_range"));
    return r;
  }

  @Test
  public void swanAiVisitKeepsCountryUpperCasedAndEmployeeRange() {
    Row r =
        assertFirmographics(
            "{\"provider\":\"swanai\",\"record\":{\"visit_id\":\"sv_1\","
                + "\"observed_at\":\"2026-02-01T10:00:00Z\",\"company_domain\":\"www.A.edu\","
                + "\"company_name\":\"A\",\"company_country\":\"gb\",\"employee_range\":\"20-49\","
                + "\"confidence\":0.8}}",
            "GB",
            "20-49");
    assertEquals("a.edu", r.getString("company_domain"));
  }

  @Test
  public void blankOrMissingFirmographicsAreNull() {
    assertFirmographics(
        "{\"provider\":\"swanai\",\"record\":{\"visit_id\":\"sv_2\","
            + "\"observed_at\":\"2026-02-01T10:00:00Z\",\"company_domain\":\"b.edu\","
            + "\"company_country\":\" \"}}",
        null,
        null);
    // G2 sends a country but the table's firmographics come from SwanAI only.
    assertFirmographics(
        "{\"provider\":\"g2\",\"record\":{\"signal_id\":\"g1\",\"date\":\"2026-02-01\","
            + "\"domain\":\"c.edu\",\"company_name\":\"C\",\"intent_topic\":\"lms\","
            + "\"score\":70,\"company_country\":\"FR\"}}",
        null,
        null);
  }
}
