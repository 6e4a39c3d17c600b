package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.intelligencesuite.marts.AccountSignalRules.UserDay;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * account_signals through its transform on hand-built registry rows (the marts' own tables), on the
 * DirectRunner. As of Sunday 2026-03-15: the last week is 03-09..03-15, its 28 days 02-16..03-15,
 * the 28 days before 01-19..02-15.
 *
 * <p>Company A (customer cus_a, subscription s1, $50.00 MRR from 2026-03-02), week of 03-09: core
 * events now = attendance 2 + gradebook 4 = 6, before = attendance 10; 6 > 0.5 x 10 = 5, so no
 * usage_decline in total, but attendance alone fell from 10 (8 or more) to 2 <= 5: a declining
 * feature. Users u1, u2 in the window: 2 seats used. Seats: si1 billed 5, then a proration line for
 * 2 from 03-12 (its negative credit line for the old 5 is not a seat line): 2 paid -> seats_full. A
 * failed charge on 03-01 -> payment_failed. A charge of an unknown customer is dropped. Week of
 * 03-02 (ends 03-08; windows 02-09..03-08 and 01-12..02-08): core 4 (gradebook) against 10
 * (attendance): 4 <= 5 -> usage_decline, and the failed charge; 1 user (u1) of 5 paid.
 *
 * <p>Company B (cus_b, s2): pays 03-02..03-11 only, so only its week of 03-02 (Sunday 03-08 paid)
 * has a row: no usage, no lines, no charges, no flag.
 */
public class AccountSignalsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-15");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(String day) {
    return new Instant(
        LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
  }

  private static List<Row> liveDays(
      String sub, String customer, String company, String from, String to, long mrr) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      rows.add(
          RowBuilder.of(Tables.FACT_SUBSCRIPTION)
              .set("subscription_id", sub)
              .set("date", d)
              .set("customer_id", customer)
              .set("company_id", company)
              .set("status", "active")
              .set("mrr_cents", mrr)
              .build());
    }
    return rows;
  }

  private static Row usage(String company, String feature, String day, long events) {
    return RowBuilder.of(Tables.FACT_USAGE)
        .set("company_id", company)
        .set("feature", feature)
        .set("date", LocalDate.parse(day))
        .set("events", events)
        .set("active_users", 1L)
        .build();
  }

  private static Row line(
      String id, String item, long quantity, long amount, String from, String to) {
    return RowBuilder.of(Tables.INVOICE_LINES)
        .set("line_id", id)
        .set("invoice_id", "in_" + id)
        .set("customer_id", "cus_a")
        .set("subscription_id", "s1")
        .set("subscription_item_id", item)
        .set("line_type", "subscription")
        .set("quantity", quantity)
        .set("amount_cents", amount)
        .set("discount_cents", 0L)
        .set("tax_cents", 0L)
        .set("currency", "usd")
        .set("is_proration", !from.endsWith("-05"))
        .set("period_start", at(from))
        .set("period_end", at(to))
        .set("invoice_created_date", LocalDate.parse(from))
        .build();
  }

  private static Row charge(String id, String customer, String day, String status) {
    return RowBuilder.of(Tables.PAYMENTS)
        .set("payment_id", id)
        .set("customer_id", customer)
        .set("amount_cents", 5000L)
        .set("amount_refunded_cents", 0L)
        .set("currency", "usd")
        .set("status", status)
        .set("attempted_at", at(day))
        .set("attempted_date", LocalDate.parse(day))
        .build();
  }

  @Test
  public void weeklySignalsPerPayingCompany() {
    List<Row> days =
        new ArrayList<>(liveDays("s1", "cus_a", "A", "2026-03-02", "2026-03-15", 5000));
    days.addAll(liveDays("s2", "cus_b", "B", "2026-03-02", "2026-03-11", 3000));
    PCollection<Row> factSubscription =
        p.apply("days", Create.of(days).withRowSchema(Tables.FACT_SUBSCRIPTION.schema()));
    PCollection<Row> factUsage =
        p.apply(
            "usage",
            Create.of(
                    usage("A", "attendance", "2026-02-01", 10),
                    usage("A", "attendance", "2026-03-10", 2),
                    usage("A", "gradebook", "2026-03-01", 4),
                    usage("A", "messaging", "2026-03-02", 50))
                .withRowSchema(Tables.FACT_USAGE.schema()));
    PCollection<Row> lines =
        p.apply(
            "lines",
            Create.of(
                    line("l1", "si1", 5, 5000, "2026-03-05", "2026-04-05"),
                    line("l2", "si1", 5, -3000, "2026-03-12", "2026-04-05"),
                    line("l3", "si1", 2, 1200, "2026-03-12", "2026-04-05"))
                .withRowSchema(Tables.INVOICE_LINES.schema()));
    PCollection<Row> payments =
        p.apply(
            "payments",
            Create.of(
                    charge("ch1", "cus_a", "2026-03-01", "failed"),
                    charge("ch2", "cus_a", "2026-03-02", "succeeded"),
                    charge("ch3", "cus_unknown", "2026-03-03", "failed"))
                .withRowSchema(Tables.PAYMENTS.schema()));
    PCollection<KV<String, UserDay>> users =
        p.apply(
            "users",
            Create.of(
                    KV.of("A", new UserDay(LocalDate.parse("2026-03-01"), "u1")),
                    KV.of("A", new UserDay(LocalDate.parse("2026-03-14"), "u2")),
                    KV.of("A", new UserDay(LocalDate.parse("2026-02-01"), "u3")))
                .withCoder(AccountSignals.activeUserCoder()));
    var companyByCustomer =
        p.apply("customers", Create.of(KV.of("cus_a", "A"), KV.of("cus_b", "B")))
            .apply(View.asMap());

    PCollection<Row> signals =
        PCollectionTuple.of(AccountSignals.SUBSCRIPTION_DAYS, factSubscription)
            .and(AccountSignals.USAGE, factUsage)
            .and(AccountSignals.INVOICE_LINES, lines)
            .and(AccountSignals.PAYMENTS, payments)
            .apply(AccountSignals.of(AccountSignalRulesTest.CORE, AS_OF, users, companyByCustomer));

    PAssert.that(signals)
        .satisfies(
            rows -> {
              Map<String, Row> byKey = new HashMap<>();
              rows.forEach(r -> byKey.put(r.getString("company_id") + " " + r.getValue("week"), r));
              // A: weeks of 03-02 and 03-09; B: week of 03-02 only.
              assertEquals(
                  java.util.Set.of("A 2026-03-02", "A 2026-03-09", "B 2026-03-02"), byKey.keySet());
              Row a = byKey.get("A 2026-03-09");
              assertEquals(LocalDate.parse("2026-03-15"), a.getValue("week_end"));
              assertEquals(5000L, (long) a.getInt64("mrr_cents"));
              assertEquals(6L, (long) a.getInt64("core_events_4w"));
              assertEquals(10L, (long) a.getInt64("core_events_prev_4w"));
              assertEquals(6.0 / 10 - 1, a.getDouble("usage_trend"), 1e-12);
              assertEquals(
                  "{\"attendance\":[2,10],\"gradebook\":[4,0],\"timetable\":[0,0]}",
                  a.getValue("feature_trends").toString());
              assertEquals("attendance", a.getString("declining_features"));
              assertEquals(2L, (long) a.getInt64("seats_used"));
              assertEquals(2L, (long) a.getInt64("seats_paid"));
              assertEquals(1.0, a.getDouble("seat_utilisation"), 0);
              assertEquals(1L, (long) a.getInt64("failed_payments_4w"));
              assertEquals(true, a.getBoolean("churn_risk"));
              assertEquals("payment_failed", a.getString("churn_risk_rules"));
              assertEquals(true, a.getBoolean("expansion"));
              assertEquals("seats_full", a.getString("expansion_rules"));
              // A's first week: the 03-02 week ends 03-08, before the seat cut (5 paid from 03-05).
              Row a1 = byKey.get("A 2026-03-02");
              assertEquals(5L, (long) a1.getInt64("seats_paid"));
              assertEquals(1L, (long) a1.getInt64("seats_used"));
              assertEquals("usage_decline,payment_failed", a1.getString("churn_risk_rules"));
              assertEquals(false, a1.getBoolean("expansion"));
              Row b = byKey.get("B 2026-03-02");
              assertEquals(3000L, (long) b.getInt64("mrr_cents"));
              assertEquals(0L, (long) b.getInt64("core_events_4w"));
              assertNull(b.getDouble("usage_trend"));
              assertNull(b.getInt64("seats_paid"));
              assertEquals(false, b.getBoolean("churn_risk"));
              assertNull(b.getString("churn_risk_rules"));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
