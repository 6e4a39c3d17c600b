package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.RecordCoder;
import io.intelligencesuite.marts.metrics.Aggregates.Adoption;
import io.intelligencesuite.marts.metrics.Aggregates.DayRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.DealMonth;
import io.intelligencesuite.marts.metrics.Aggregates.DiscountMonth;
import io.intelligencesuite.marts.metrics.Aggregates.LeadCohort;
import io.intelligencesuite.marts.metrics.Aggregates.MonthCustomers;
import io.intelligencesuite.marts.metrics.Aggregates.MonthRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.PaymentMonth;
import io.intelligencesuite.marts.metrics.Aggregates.TrialCohort;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

/** The ledger and the aggregates it holds travel with their own coders, unchanged. */
public class MetricLedgerCoderTest {
  private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
  private static final LocalDate FEB = LocalDate.of(2026, 2, 1);

  @Test
  public void aLedgerWithEveryKindOfPeriodRoundTrips() throws Exception {
    MetricLedger ledger =
        new MetricLedger()
            .addDay(JAN.plusDays(3), new DayRevenue(100, 0, 0, 0, 0, 0, 1, 0, 0, 100))
            .addDay(FEB, new DayRevenue(0, 0, 0, 40, 0, -3, 0, 1, 0, -43))
            .addCustomerMonth(JAN, new MonthCustomers(2, 1, 300, 250, 200, 0, 0, 0))
            .addTrials(JAN, new TrialCohort(3, 2, 1, 3, Long.MIN_VALUE))
            .addLeads(FEB, new LeadCohort(5, 2, 1, 0))
            .addPayments(JAN, new PaymentMonth(7, 1))
            .addAdoption(JAN, Adoption.ofCompanyMonth(true, Set.of("reports", "sync")))
            .addAdoption(FEB, Adoption.ZERO)
            .addDeals(FEB, new DealMonth(1, 2, List.of(12.5)))
            .addDiscounts(JAN, new DiscountMonth(50, 1000));
    CoderProperties.coderDecodeEncodeEqual(MetricLedger.coder(), ledger);
    CoderProperties.coderDecodeEncodeEqual(MetricLedger.coder(), new MetricLedger());
    CoderProperties.coderSerializable(MetricLedger.coder());
  }

  @Test
  public void eachAggregateRoundTrips() throws Exception {
    TreeMap<LocalDate, DayRevenue> days = new TreeMap<>();
    days.put(JAN, DayRevenue.ZERO);
    days.put(FEB, new DayRevenue(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    CoderProperties.coderDecodeEncodeEqual(
        RecordCoder.of(MonthRevenue.class), new MonthRevenue(days));
    CoderProperties.coderDecodeEncodeEqual(RecordCoder.of(Adoption.class), Adoption.ZERO);
    CoderProperties.coderDecodeEncodeEqual(RecordCoder.of(DealMonth.class), DealMonth.ZERO);
    CoderProperties.coderDecodeEncodeEqual(RecordCoder.of(TrialCohort.class), TrialCohort.ZERO);
    CoderProperties.coderDecodeEncodeEqual(
        RecordCoder.of(Facts.Movement.class),
        new Facts.Movement("cus_1", null, JAN, "new", 0, 100, 100));
    CoderProperties.coderDecodeEncodeEqual(
        RecordCoder.of(Segments.Of.class), Segments.Of.UNKNOWN_ALL);
  }
}
