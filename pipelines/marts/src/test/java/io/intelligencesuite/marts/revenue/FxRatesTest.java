package io.intelligencesuite.marts.revenue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.Test;

public class FxRatesTest {
  @Test
  public void specRatesConvertThroughTheCommonBase() {
    FxRates fx = FxRates.parse("usd:1, EUR:1.08 ,gbp:1.27");
    LocalDate d = LocalDate.parse("2026-01-01");
    assertEquals(1.08, fx.factor("eur", "usd", d), 0);
    assertEquals(1.0, fx.factor("usd", "usd", d), 0);
    assertEquals(1.27 / 1.08, fx.factor("gbp", "eur", d), 1e-12);
  }

  @Test
  public void datedRatesUseTheLatestOnOrBeforeTheDayElseTheEarliest() {
    FxRates fx =
        FxRates.merge(
            "usd:1", List.of("currency,date,rate", "eur,2026-01-01,1.10", "eur,2026-02-01,1.20"));
    assertEquals(1.10, fx.factor("eur", "usd", LocalDate.parse("2026-01-31")), 0);
    assertEquals(1.20, fx.factor("eur", "usd", LocalDate.parse("2026-02-01")), 0);
    assertEquals(1.10, fx.factor("eur", "usd", LocalDate.parse("2025-06-01")), 0);
  }

  @Test
  public void badInputNamesWhatToFix() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FxRates.parse("usd=1"))
            .getMessage()
            .contains("currency:rate"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FxRates.parse("usd:0"))
            .getMessage()
            .contains("positive"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> FxRates.parse("usd:1").factor("jpy", "usd", LocalDate.MIN))
            .getMessage()
            .contains("'jpy'"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new RevenueSettings(LocalDate.MIN, "chf", FxRates.parse("usd:1"), null))
            .getMessage()
            .contains("chf"));
  }
}
