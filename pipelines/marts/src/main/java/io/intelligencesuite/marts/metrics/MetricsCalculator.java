package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.metrics.Aggregates.Adoption;
import io.intelligencesuite.marts.metrics.Aggregates.DayRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.LeadCohort;
import io.intelligencesuite.marts.metrics.Aggregates.MonthCustomers;
import io.intelligencesuite.marts.metrics.Aggregates.PaymentMonth;
import io.intelligencesuite.marts.metrics.Aggregates.TrialCohort;
import io.intelligencesuite.schemas.MetricParameters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metrics in plain Java, in memory: the same aggregates and ledger as {@link ComputeMetrics},
 * grouped with maps instead of shuffles. The golden and governance tests run this; the Beam test
 * checks that the composite gives the same values.
 */
public final class MetricsCalculator {
  private MetricsCalculator() {}

  public static MetricLedger.Values compute(MetricInputs in, LocalDate asOfDate, MetricParameters p) {
    AsOf asOf = new AsOf(asOfDate);
    MetricLedger ledger = new MetricLedger();
    Map<String, List<Facts.Movement>> byCustomer = new TreeMap<>();
    for (Facts.Movement m : in.movements()) {
      if (asOf.includes(m.date())) {
        ledger.addDay(m.date(), DayRevenue.of(m));
      }
      byCustomer.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m);
    }
    Map<String, List<String>> dimCompany = new TreeMap<>();
    in.customers().forEach(c -> dimCompany.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c.companyId()));

    Map<LocalDate, Map<String, Set<String>>> companyMonths = new TreeMap<>(); // month -> company -> features
    Set<String> paying = new TreeSet<>();
    byCustomer.forEach((customer, movements) -> {
      String company = CustomerHistory.companyOf(dimCompany.getOrDefault(customer, List.of()), movements);
      for (CustomerHistory.CustomerMonth cm : CustomerHistory.months(movements, asOf, asOf.lastCompleteMonth())) {
        ledger.addCustomerMonth(cm.month(), MonthCustomers.of(cm));
        if (cm.payingAtEnd() && company != null) {
          companyMonths.computeIfAbsent(cm.month(), k -> new TreeMap<>()).computeIfAbsent(company, k -> new TreeSet<>());
          paying.add(cm.month() + "|" + company);
        }
      }
    });
    for (Facts.Usage u : in.usage()) {
      if (asOf.includes(u.date()) && u.events() > 0) {
        companyMonths.computeIfAbsent(Facts.month(u.date()), k -> new TreeMap<>())
            .computeIfAbsent(u.companyId(), k -> new TreeSet<>()).add(u.feature());
      }
    }
    companyMonths.forEach((month, companies) -> companies.forEach((company, features) ->
        ledger.addAdoption(month, Adoption.ofCompanyMonth(paying.contains(month + "|" + company), features))));

    for (Facts.Trial t : in.trials()) {
      if (asOf.includes(t.startedAt())) {
        ledger.addTrials(Facts.month(Facts.day(t.startedAt())), TrialCohort.of(t, asOf, p));
      }
    }
    for (Facts.Lead l : in.leads()) {
      if (asOf.includes(l.createdAt())) {
        ledger.addLeads(Facts.month(Facts.day(l.createdAt())), LeadCohort.of(l, asOf, p));
      }
    }
    for (Facts.Payment pay : in.payments()) {
      if (asOf.includes(pay.attemptedDate())) {
        ledger.addPayments(Facts.month(pay.attemptedDate()), PaymentMonth.of(pay));
      }
    }
    return ledger.values(asOf, p);
  }
}
