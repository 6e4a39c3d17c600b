package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marketing spend for the campaigns that drive the GA4 traffic ({@link Channel}'s paid campaigns,
 * same names as utm_campaign): Google Ads as the BigQuery Data Transfer Service writes it ({@code
 * spend/google_ads/ads_Campaign_<id>.csv}, {@code ads_CampaignBasicStats_<id>.csv}: each
 * campaign-day split over devices) and the Meta and LinkedIn exports as network CSVs ({@code
 * spend/networks/*.csv}). The intent is a daily budget per campaign, spent in full; its own random
 * stream ("spend") only varies the day's cost and clicks, so every other demo figure is unchanged.
 * {@code truth/spend.json} holds, per month and channel, the spend in USD cents and the new
 * customers (and their new MRR) acquired through that channel, from the simulation's intent.
 */
final class SpendWriter {
  /** The demo company's Google Ads account. */
  static final String GOOGLE_ADS_CUSTOMER_ID = "4815162342";

  /** A paid campaign: where it runs, its account currency, daily budget and cost per click. */
  record Campaign(
      String network, long id, String name, String currency, double dailyBudget, double cpc) {}

  /** One planted bad export row: a refund booked as a negative cost (the pipeline dead-letters). */
  static final String PLANTED_BAD_DAY = "2026-03-15";

  private final World w;
  private final Rng rng;
  private final OutputFiles out;

  SpendWriter(World w, Rng rng, OutputFiles out) {
    this.w = w;
    this.rng = rng;
    this.out = out;
  }

  /** The campaigns and their intended daily budgets (account currency), scaled with the demo. */
  List<Campaign> campaigns() {
    double[] searchBudgets = {6, 22, 11, 10, 8};
    List<Campaign> all = new ArrayList<>();
    for (int i = 0; i < Channel.PAID_SEARCH_CAMPAIGNS.length; i++) {
      all.add(
          new Campaign(
              "google_ads",
              20240001L + i,
              Channel.PAID_SEARCH_CAMPAIGNS[i],
              "usd",
              searchBudgets[i] * w.scale,
              1.8 + 0.4 * i));
    }
    // Meta (facebook and instagram traffic) bills in USD, LinkedIn in EUR.
    double[][] social = {{9, 5}, {8, 4}};
    String[][] networks = {{"meta", "usd"}, {"linkedin", "eur"}};
    for (int n = 0; n < networks.length; n++) {
      for (int i = 0; i < Channel.PAID_SOCIAL_CAMPAIGNS.length; i++) {
        all.add(
            new Campaign(
                networks[n][0],
                0,
                Channel.PAID_SOCIAL_CAMPAIGNS[i],
                networks[n][1],
                social[n][i] * w.scale,
                n == 0 ? 0.9 : 3.2));
      }
    }
    return all;
  }

  /** One campaign-day as spent: cost in micros of the account currency, clicks, impressions. */
  record Day(Campaign campaign, LocalDate date, long costMicros, long clicks, long impressions) {}

  void write() throws IOException {
    List<Day> days = new ArrayList<>();
    LocalDate first = SimCalendar.FIRST_MONTH.atDay(1);
    for (LocalDate d = first; d.isBefore(SimCalendar.AS_OF_DATE); d = d.plusDays(1)) {
      for (Campaign c : campaigns()) {
        // The day's cost: the budget within +-20% (pacing), to the cent.
        long cents = Math.round(c.dailyBudget() * rng.uniform(0.8, 1.2) * 100);
        long clicks = Math.max(1, Math.round(cents / 100.0 / c.cpc()));
        long impressions = clicks * rng.between(15, 40);
        days.add(new Day(c, d, cents * 10_000L, clicks, impressions));
      }
    }
    writeGoogleAds(days);
    writeNetworks(days);
    writeTruth(days);
  }

  private void writeGoogleAds(List<Day> days) throws IOException {
    String dir = "spend/google_ads/";
    String id = GOOGLE_ADS_CUSTOMER_ID;
    LocalDate latest = SimCalendar.AS_OF_DATE.minusDays(1);
    long n = 0;
    try (Writer f = out.open(dir + "ads_Campaign_" + id + ".csv")) {
      OutputFiles.csvRow(
          f,
          "_DATA_DATE",
          "_LATEST_DATE",
          "customer_id",
          "campaign_id",
          "campaign_name",
          "campaign_status",
          "campaign_advertising_channel_type");
      // A snapshot on the first of each month and on the latest day, as the transfer keeps them.
      for (LocalDate d = SimCalendar.FIRST_MONTH.atDay(1);
          !d.isAfter(latest);
          d =
              d.getDayOfMonth() == 1 && !d.plusMonths(1).isAfter(latest)
                  ? d.plusMonths(1)
                  : latest) {
        for (Campaign c : campaigns()) {
          if (c.network().equals("google_ads")) {
            OutputFiles.csvRow(f, d, latest, id, c.id(), c.name(), "ENABLED", "SEARCH");
            n++;
          }
        }
        if (d.equals(latest)) {
          break;
        }
      }
    }
    out.count(dir + "ads_Campaign_" + id + ".csv", n);
    n = 0;
    try (Writer f = out.open(dir + "ads_CampaignBasicStats_" + id + ".csv")) {
      OutputFiles.csvRow(
          f,
          "_DATA_DATE",
          "_LATEST_DATE",
          "customer_id",
          "campaign_id",
          "segments_date",
          "segments_ad_network_type",
          "segments_device",
          "segments_slot",
          "metrics_clicks",
          "metrics_impressions",
          "metrics_cost_micros");
      for (Day day : days) {
        if (!day.campaign().network().equals("google_ads")) {
          continue;
        }
        // Split over devices the way the transfer segments rows; the parts add up exactly.
        long mobileCost = day.costMicros() * 35 / 100;
        long tabletCost = day.costMicros() * 5 / 100;
        long mobileClicks = day.clicks() * 35 / 100;
        long mobileImpr = day.impressions() * 35 / 100;
        Object[][] parts = {
          {
            "DESKTOP",
            day.costMicros() - mobileCost - tabletCost,
            day.clicks() - mobileClicks,
            day.impressions() - mobileImpr
          },
          {"MOBILE", mobileCost, mobileClicks, mobileImpr},
          {"TABLET", tabletCost, 0L, 0L}
        };
        for (Object[] p : parts) {
          OutputFiles.csvRow(
              f,
              day.date(),
              latest,
              id,
              day.campaign().id(),
              day.date(),
              "SEARCH",
              p[0],
              "SEARCH_TOP",
              p[2],
              p[3],
              p[1]);
          n++;
        }
      }
    }
    out.count(dir + "ads_CampaignBasicStats_" + id + ".csv", n);
  }

  private void writeNetworks(List<Day> days) throws IOException {
    for (String network : List.of("meta", "linkedin")) {
      String file = "spend/networks/" + network + "_spend.csv";
      long n = 0;
      try (Writer f = out.open(file)) {
        OutputFiles.csvRow(
            f, "date", "network", "campaign", "cost", "currency", "clicks", "impressions");
        for (Day day : days) {
          Campaign c = day.campaign();
          if (!c.network().equals(network)) {
            continue;
          }
          OutputFiles.csvRow(
              f,
              day.date(),
              network,
              c.name(),
              java.math.BigDecimal.valueOf(day.costMicros(), 6).setScale(2).toPlainString(),
              c.currency().toUpperCase(java.util.Locale.ROOT),
              day.clicks(),
              day.impressions());
          n++;
        }
        if (network.equals("meta")) {
          // Planted: a refund exported as a negative cost; not spend, so not in the truth.
          OutputFiles.csvRow(
              f, PLANTED_BAD_DAY, network, "refund_adjustment", "-12.40", "USD", 0, 0);
          n++;
        }
      }
      out.count(file, n);
    }
  }

  /** Per month and channel: spend (USD cents) and the customers it acquired, from intent. */
  private void writeTruth(List<Day> days) throws IOException {
    Map<String, Map<String, double[]>> byMonth = new TreeMap<>();
    for (Day day : days) {
      String channel = day.campaign().network().equals("google_ads") ? "paid_search" : "social";
      double usdMicros = day.costMicros() * w.fx.toUsd(day.campaign().currency(), day.date());
      cell(byMonth, YearMonth.from(day.date()).toString(), channel)[0] += usdMicros;
    }
    ObservableSessions observable = new ObservableSessions(w);
    for (BillingCustomer cust : w.customers) {
      String channel = acquisitionChannel(cust.company);
      String seen = observable.acquisitionChannel(cust.company);
      for (MrrMovement m : cust.movements) {
        if (m.type().equals("new_biz") && m.at() < SimCalendar.AS_OF) {
          String month = YearMonth.from(SimCalendar.date(m.at())).toString();
          double[] c = cell(byMonth, month, channel);
          c[1]++;
          c[2] += m.delta();
          double[] o = cell(byMonth, month, seen);
          o[5]++;
          o[6] += m.delta();
        }
      }
      // Paying at the end of each month: the MRR after its last movement before then is above 0.
      for (int i = 0; i < SimCalendar.MONTHS; i++) {
        long end = SimCalendar.monthStart(i + 1);
        long mrr = 0;
        for (MrrMovement m : cust.movements) {
          if (m.at() < end) {
            mrr = m.mrrAfter();
          }
        }
        if (mrr > 0) {
          cell(byMonth, SimCalendar.month(i).toString(), channel)[4]++;
          cell(byMonth, SimCalendar.month(i).toString(), seen)[8]++;
        }
      }
    }
    Map<Person, List<WebSession>> sessions = LeadChannelTruth.sessionsByPerson(w);
    for (Company c : w.companies) {
      if (c.hasAccount() && !c.test) {
        String month = YearMonth.from(SimCalendar.date(c.signupAt)).toString();
        cell(byMonth, month, trialChannel(c, sessions))[3]++;
        cell(byMonth, month, observable.trialChannel(c))[7]++;
      }
    }
    ArrayNode months = OutputFiles.JSON.createArrayNode();
    byMonth.forEach(
        (month, channels) -> {
          ObjectNode mo = months.addObject();
          mo.put("month", month);
          ObjectNode by = mo.putObject("by_channel");
          channels.forEach(
              (channel, v) -> {
                ObjectNode o = by.putObject(channel);
                o.put("spend_cents", Math.round(v[0] / 10_000));
                o.put("new_customers", (long) v[1]);
                o.put("new_mrr_cents", (long) v[2]);
                o.put("trials_started", (long) v[3]);
                o.put("paying_customers", (long) v[4]);
                o.put("observable_new_customers", (long) v[5]);
                o.put("observable_new_mrr_cents", (long) v[6]);
                o.put("observable_trials_started", (long) v[7]);
                o.put("observable_paying_customers", (long) v[8]);
              });
        });
    ObjectNode root = OutputFiles.obj();
    root.put(
        "note",
        "Spend per month and acquisition channel in USD cents (EUR at the day's dated rate, "
            + DemoCompany.FX_RATES_CSV
            + "), from the daily budgets as spent; new customers (first payment, ChartMogul new"
            + " business) and their new MRR by the channel of the first session of their"
            + " company's journey; trials started, by the dictionary's trial channel (the"
            + " company's first lead's last non-direct session, else its first session); customers"
            + " paying at the month's end (MRR above 0), by their company's first session. The"
            + " planted negative Meta row ("
            + PLANTED_BAD_DAY
            + ") is not spend. The observable_ columns count the same customers and trials by"
            + " the same rules over only the sessions the warehouse can tie to the person or"
            + " company (ObservableSessions: devices a user_id or a lead form names), the channel"
            + " the marts can attribute.");
    root.set("months", months);
    out.writeJson("truth/spend.json", root, months.size());
  }

  /** The month of the company's new business movement before the as-of date, or null. */
  static String newCustomerMonth(Company c) {
    if (c.customer != null) {
      for (MrrMovement m : c.customer.movements) {
        if (m.type().equals("new_biz") && m.at() < SimCalendar.AS_OF) {
          return YearMonth.from(SimCalendar.date(m.at())).toString();
        }
      }
    }
    return null;
  }

  /** The channel of the first session of the company's journey (direct without one). */
  static String acquisitionChannel(Company c) {
    return c.firstChannel == null ? "direct" : c.firstChannel.channelGroup();
  }

  /**
   * A trial's channel as the dictionary defines fact_trial.channel, over the simulation's own
   * sessions: its company's earliest lead's channel (the last non-direct session before it) when
   * that is not direct, else the company's first session's, else direct.
   */
  static String trialChannel(Company c, Map<Person, List<WebSession>> sessions) {
    Lead first = firstLead(c);
    String lead = first == null ? null : LeadChannelTruth.lastNonDirectChannel(first, sessions);
    if (lead != null && !lead.equals("direct")) {
      return lead;
    }
    return c.firstChannel != null ? c.firstChannel.channelGroup() : "direct";
  }

  /** The company's earliest lead (ties to the smaller lead id), or null. */
  static Lead firstLead(Company c) {
    Lead first = null;
    for (Person p : c.people) {
      for (Lead l : p.leads) {
        if (p.company == c
            && (first == null
                || l.createdAt < first.createdAt
                || (l.createdAt == first.createdAt && l.leadId.compareTo(first.leadId) < 0))) {
          first = l;
        }
      }
    }
    return first;
  }

  private static double[] cell(Map<String, Map<String, double[]>> m, String month, String ch) {
    return m.computeIfAbsent(month, k -> new TreeMap<>()).computeIfAbsent(ch, k -> new double[9]);
  }
}
