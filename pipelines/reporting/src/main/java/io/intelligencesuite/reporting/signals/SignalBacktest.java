package io.intelligencesuite.reporting.signals;

import io.intelligencesuite.transforms.datatests.WarehouseReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The backtest of account_signals' churn-risk flag: of the paying company-weeks flagged at risk,
 * how many churned within {@value #HORIZON_DAYS} days of the week's last day, against the same
 * share over every paying company-week (the base rate). Only weeks whose horizon has passed by the
 * marts' last day are judged, so an outcome still to come never counts as "stayed". A churn is a
 * {@code churn} movement of one of the company's customers in fact_revenue.
 *
 * <p>The warehouse returns the rows (account_signals' weeks, fact_revenue's churn days) and the
 * arithmetic is done here, so the same SQL runs on DuckDB and BigQuery (their date arithmetic is
 * spelled differently) through {@link WarehouseReader}.
 */
public final class SignalBacktest {
  public static final int HORIZON_DAYS = 90;

  private SignalBacktest() {}

  /** The counts behind one ratio: of {@code of}, {@code churned} churned within the horizon. */
  public record Share(long of, long churned) {
    public double rate() {
      return of == 0 ? Double.NaN : (double) churned / of;
    }
  }

  /**
   * @param lastDay the marts' last day (account_signals' latest week_end)
   * @param judgedUpTo the last week_end judged: lastDay minus the horizon
   * @param flaggedWeeks company-weeks flagged churn_risk
   * @param allWeeks every paying company-week (the base rate)
   * @param flaggedCompanies companies with a flagged week; churned = within the horizon of one
   * @param allCompanies companies with a judged week; churned = within the horizon of one
   * @param byRule flagged company-weeks per churn-risk rule
   */
  public record Result(
      LocalDate lastDay,
      LocalDate judgedUpTo,
      Share flaggedWeeks,
      Share allWeeks,
      Share flaggedCompanies,
      Share allCompanies,
      Map<String, Share> byRule) {

    /** How many times the base rate the flagged weeks churn at. */
    public double lift() {
      return flaggedWeeks.rate() / allWeeks.rate();
    }

    /** The lines `suite demo` prints. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              "Churn-risk backtest (account_signals; weeks ending by %s, churn within %d days,"
                  + " data to %s):%n",
              judgedUpTo, HORIZON_DAYS, lastDay));
      sb.append(
          String.format(
              "  flagged at risk: %,d company-weeks, %,d churned within %d days (%s); base rate"
                  + " %,d of %,d paying company-weeks (%s); lift %.1fx%n",
              flaggedWeeks.of(),
              flaggedWeeks.churned(),
              HORIZON_DAYS,
              percent(flaggedWeeks),
              allWeeks.churned(),
              allWeeks.of(),
              percent(allWeeks),
              lift()));
      sb.append(
          String.format(
              "  companies: %,d flagged, %,d of them churned within %d days of a flagged week (%s);"
                  + " %,d of %,d paying companies churned within %d days of a judged week (%s)%n",
              flaggedCompanies.of(),
              flaggedCompanies.churned(),
              HORIZON_DAYS,
              percent(flaggedCompanies),
              allCompanies.churned(),
              allCompanies.of(),
              HORIZON_DAYS,
              percent(allCompanies)));
      byRule.forEach(
          (rule, s) ->
              sb.append(
                  String.format(
                      "  %s: %,d company-weeks, %,d churned (%s)%n",
                      rule, s.of(), s.churned(), percent(s))));
      return sb.toString();
    }

    private static String percent(Share s) {
      return s.of() == 0 ? "n/a" : String.format("%.1f%%", 100 * s.rate());
    }
  }

  /**
   * The backtest on the warehouse's account_signals and fact_revenue, or null when account_signals
   * is missing or empty (the marts have not run).
   */
  public static Result run(WarehouseReader warehouse) throws IOException {
    if (!warehouse.tableExists("account_signals") || !warehouse.tableExists("fact_revenue")) {
      return null;
    }
    List<Map<String, Object>> last =
        warehouse.rows(
            "SELECT max(week_end) AS last_day FROM " + warehouse.table("account_signals"));
    LocalDate lastDay = (LocalDate) last.get(0).get("last_day");
    if (lastDay == null) {
      return null;
    }
    LocalDate judgedUpTo = lastDay.minusDays(HORIZON_DAYS);
    Map<String, TreeSet<LocalDate>> churns = new HashMap<>();
    for (Map<String, Object> r :
        warehouse.rows(
            "SELECT company_id, movement_date FROM "
                + warehouse.table("fact_revenue")
                + " WHERE movement_type = 'churn' AND company_id IS NOT NULL")) {
      churns
          .computeIfAbsent((String) r.get("company_id"), k -> new TreeSet<>())
          .add((LocalDate) r.get("movement_date"));
    }
    List<Week> weeks = new ArrayList<>();
    for (Map<String, Object> r :
        warehouse.rows(
            "SELECT company_id, week_end, churn_risk, churn_risk_rules FROM "
                + warehouse.table("account_signals")
                + " WHERE week_end <= DATE '"
                + judgedUpTo
                + "'")) {
      String company = (String) r.get("company_id");
      LocalDate end = (LocalDate) r.get("week_end");
      LocalDate next = churns.getOrDefault(company, new TreeSet<>()).higher(end);
      String rules = (String) r.get("churn_risk_rules");
      weeks.add(
          new Week(
              company,
              Boolean.TRUE.equals(r.get("churn_risk")),
              rules == null ? List.of() : List.of(rules.split(",")),
              next != null && !next.isAfter(end.plusDays(HORIZON_DAYS))));
    }
    return tally(lastDay, judgedUpTo, weeks);
  }

  /** One judged company-week: flagged or not, and whether the company churned in the horizon. */
  record Week(String company, boolean flagged, List<String> rules, boolean churned) {}

  static Result tally(LocalDate lastDay, LocalDate judgedUpTo, List<Week> weeks) {
    long flagged = 0;
    long flaggedChurned = 0;
    long churned = 0;
    Set<String> companies = new HashSet<>();
    Set<String> companiesChurned = new HashSet<>();
    Set<String> flaggedCompanies = new HashSet<>();
    Set<String> flaggedCompaniesChurned = new HashSet<>();
    Map<String, long[]> byRule = new LinkedHashMap<>();
    for (Week w : weeks) {
      companies.add(w.company());
      if (w.churned()) {
        churned++;
        companiesChurned.add(w.company());
      }
      if (!w.flagged()) {
        continue;
      }
      flagged++;
      flaggedCompanies.add(w.company());
      if (w.churned()) {
        flaggedChurned++;
        flaggedCompaniesChurned.add(w.company());
      }
      for (String rule : w.rules()) {
        long[] s = byRule.computeIfAbsent(rule.trim(), k -> new long[2]);
        s[0]++;
        s[1] += w.churned() ? 1 : 0;
      }
    }
    Map<String, Share> rules = new LinkedHashMap<>();
    byRule.forEach((k, v) -> rules.put(k, new Share(v[0], v[1])));
    return new Result(
        lastDay,
        judgedUpTo,
        new Share(flagged, flaggedChurned),
        new Share(weeks.size(), churned),
        new Share(flaggedCompanies.size(), flaggedCompaniesChurned.size()),
        new Share(companies.size(), companiesChurned.size()),
        rules);
  }
}
