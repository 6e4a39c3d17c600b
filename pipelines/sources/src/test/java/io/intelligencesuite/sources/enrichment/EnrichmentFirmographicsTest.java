package io.intelligencesuite.sources.enrichment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** SwanAI's company country and employee band reach visitor_enrichment; G2 has neither. */
public class EnrichmentFirmographicsTest {
  @Test
  public void swanAiVisitKeepsCountryUpperCasedAndEmployeeRange() {
    Row r =
        EnrichmentProviders.parse(
            "{\"provider\":\"swanai\",\"record\":{\"visit_id\":\"sv_1\","
                + "\"observed_at\":\"2026-02-01T10:00:00Z\",\"company_domain\":\"www.A.edu\","
                + "\"company_name\":\"A\",\"company_country\":\"gb\",\"employee_range\":\"20-49\","
                + "\"confidence\":0.8}}");
    assertEquals("a.edu", r.getString("company_domain"));
    assertEquals("GB", r.getString("company_country"));
    assertEquals("20-49", r.getString("employee_range"));
  }

  @Test
  public void blankOrMissingFirmographicsAreNull() {
    Row swan =
        EnrichmentProviders.parse(
            "{\"provider\":\"swanai\",\"record\":{\"visit_id\":\"sv_2\","
                + "\"observed_at\":\"2026-02-01T10:00:00Z\",\"company_domain\":\"b.edu\","
                + "\"company_country\":\" \"}}");
    assertNull(swan.getString("company_country"));
    assertNull(swan.getString("employee_range"));
    Row g2 =
        EnrichmentProviders.parse(
            "{\"provider\":\"g2\",\"record\":{\"signal_id\":\"g1\",\"date\":\"2026-02-01\","
                + "\"domain\":\"c.edu\",\"company_name\":\"C\",\"intent_topic\":\"lms\","
                + "\"score\":70,\"company_country\":\"FR\"}}");
    assertNull(g2.getString("company_country"));
    assertNull(g2.getString("employee_range"));
  }
}
