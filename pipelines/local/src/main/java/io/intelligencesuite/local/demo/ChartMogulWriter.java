package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes chartmogul/: {@code GET /v1/customers} and {@code GET /v1/activities} bodies (entries,
 * cursor, has_more; hyphenated keys; integer cents in USD, the account's primary currency).
 * ChartMogul builds its view from the same Stripe history, so activities are the truth's MRR
 * movements, except for the planted discrepancies.
 */
final class ChartMogulWriter {
  static final String DATA_SOURCE = "ds_6c1f2b2e-8a41-11ef-9d7a-2f3b1c0a9e01";

  private final World w;
  private final OutputFiles out;
  private final PlantedDiscrepancies planted;
  private final Rng rng;

  /** One activity in ChartMogul's view. */
  private record Activity(
      MrrMovement source,
      BillingCustomer customer,
      long at,
      String type,
      long before,
      long after,
      String description,
      String planId,
      String subscriptionId) {}

  ChartMogulWriter(World w, OutputFiles out, PlantedDiscrepancies planted, Rng rng) {
    this.w = w;
    this.out = out;
    this.planted = planted;
    this.rng = rng;
  }

  void write() throws IOException {
    Map<BillingCustomer, Long> cmMrr = new HashMap<>();
    List<Activity> acts = activities(cmMrr);
    ArrayNode entries = OutputFiles.JSON.createArrayNode();
    for (Activity a : acts) {
      ObjectNode e = entries.addObject();
      e.put("description", a.description());
      e.put("activity-mrr-movement", a.after() - a.before());
      e.put("activity-mrr", a.after());
      e.put("activity-arr", a.after() * 12);
      e.put("date", SimCalendar.chartMogul(a.at()));
      e.put("type", a.type());
      e.put("currency", "USD");
      e.put("subscription-external-id", a.subscriptionId());
      e.put("subscription-set-external-id", (String) null);
      e.put("plan-external-id", a.planId());
      e.put("customer-name", a.customer().company.name);
      e.put("customer-uuid", a.customer().chartMogulUuid);
      e.put("customer-external-id", a.customer().stripeId);
      e.put("billing-connector-uuid", DATA_SOURCE);
      e.put("uuid", rng.uuid());
    }
    writePage(out, "chartmogul/activities.json", entries);

    ArrayNode customers = OutputFiles.JSON.createArrayNode();
    long id = 118_400_000L;
    List<BillingCustomer> list = new ArrayList<>(w.customers);
    list.sort(
        Comparator.comparingLong((BillingCustomer c) -> c.created).thenComparing(c -> c.stripeId));
    for (BillingCustomer c : list) {
      customers.add(customer(c, ++id, cmMrr.getOrDefault(c, 0L)));
    }
    writePage(out, "chartmogul/customers.json", customers);
  }

  /** A list as the API's single last page: every entry, no more pages, the cursor past the end. */
  private static void writePage(OutputFiles out, String file, ArrayNode entries)
      throws IOException {
    ObjectNode body = OutputFiles.obj();
    body.set("entries", entries);
    body.put("has_more", false);
    body.put("per_page", Math.max(200, entries.size()));
    body.put("cursor", cursor(entries.size()));
    out.writeJson(file, body, entries.size());
  }

  private static String cursor(int n) {
    return Base64.getEncoder().encodeToString(("&" + n).getBytes(StandardCharsets.UTF_8));
  }

  /** Replays the truth's movements as ChartMogul saw them, with the planted differences. */
  private List<Activity> activities(Map<BillingCustomer, Long> finalMrr) {
    List<Activity> raw = new ArrayList<>();
    for (MrrMovement m : BillingSimulation.allMovements(w)) {
      long at = m == planted.delayedSync ? planted.delayedTo : m.at();
      raw.add(
          new Activity(
              m,
              m.customer(),
              at,
              m.type(),
              m.mrrBefore(),
              m.mrrAfter(),
              m.description(),
              m.subscription().price.planExternalId(),
              m.subscription().id));
    }
    if (planted.manualCustomer != null) {
      raw.add(
          new Activity(
              null,
              planted.manualCustomer,
              planted.manualAt,
              "contraction",
              0,
              -planted.manualAmount,
              "manual adjustment: goodwill credit",
              null,
              null));
    }
    raw.sort(Comparator.comparingLong(Activity::at).thenComparing(a -> a.customer().stripeId));
    Map<BillingCustomer, Long> offset = new HashMap<>();
    Map<BillingCustomer, Long> cm = new HashMap<>();
    List<Activity> result = new ArrayList<>();
    for (Activity a : raw) {
      BillingCustomer c = a.customer();
      long before = cm.getOrDefault(c, 0L);
      long off = offset.getOrDefault(c, 0L);
      if (a.source() == null) { // the manual adjustment: a delta only
        long after = before + a.after();
        offset.put(c, off + a.after());
        cm.put(c, after);
        SimSubscription s = c.subscriptions.get(c.subscriptions.size() - 1);
        result.add(
            new Activity(
                null,
                c,
                a.at(),
                "contraction",
                before,
                after,
                a.description(),
                s.price.planExternalId(),
                s.id));
        continue;
      }
      if (a.source() == planted.missedSync) {
        offset.put(c, off - a.source().delta());
        continue;
      }
      long after = a.source().mrrAfter() == 0 ? 0 : a.source().mrrAfter() + off;
      if (after <= 0 && a.source().mrrAfter() > 0) {
        // The missing amount exceeds what is left: ChartMogul re-syncs the subscription here.
        after = a.source().mrrAfter();
        offset.put(c, 0L);
      }
      if (after == 0) {
        offset.put(c, 0L);
      }
      if (after == before) {
        continue;
      }
      String type =
          before == 0
              ? a.type()
              : after == 0 ? "churn" : after > before ? "expansion" : "contraction";
      cm.put(c, after);
      result.add(
          new Activity(
              a.source(),
              c,
              a.at(),
              type,
              before,
              after,
              a.description(),
              a.planId(),
              a.subscriptionId()));
    }
    finalMrr.putAll(cm);
    return result;
  }

  private ObjectNode customer(BillingCustomer c, long id, long mrr) {
    Company co = c.company;
    SimSubscription last = c.subscriptions.get(c.subscriptions.size() - 1);
    boolean paid = c.everPaid || (co.test && co.converted);
    String status;
    if (!paid) {
      status = "New Lead";
    } else if (c.subscriptions.stream().anyMatch(s -> "past_due".equals(s.status))) {
      status = "Past Due";
    } else if (last.status.equals("canceled")
        || last.status.equals("unpaid")
        || last.pauseBehavior != null) {
      // Unpaid and paused collection churn the customer (0 MRR), as a cancellation does.
      status = "Cancelled";
    } else {
      status = "Active";
    }
    Long since = null;
    for (MrrMovement m : c.movements) {
      if (m.type().equals("new_biz")) {
        since = m == planted.delayedSync ? planted.delayedTo : m.at();
        break;
      }
    }
    ObjectNode e = OutputFiles.obj();
    e.put("id", id);
    e.put("uuid", c.chartMogulUuid);
    e.put("external_id", c.stripeId);
    e.put("name", co.name);
    e.put("email", c.email);
    e.put("status", status);
    e.put("customer-since", since == null ? null : SimCalendar.chartMogul(since));
    ObjectNode attrs = e.putObject("attributes");
    attrs.putObject("custom").put("account_id", co.accountId);
    attrs.putObject("clearbit");
    attrs.putObject("stripe");
    attrs.putArray("tags");
    e.put("data_source_uuid", DATA_SOURCE);
    e.putArray("data_source_uuids").add(DATA_SOURCE);
    e.putArray("external_ids").add(c.stripeId);
    e.put("company", co.name);
    e.put("country", co.country.code());
    e.put("state", co.region);
    e.put("city", co.city);
    e.putNull("zip");
    e.put("lead_created_at", SimCalendar.chartMogul(c.created));
    e.put("free_trial_started_at", SimCalendar.chartMogul(c.created));
    ObjectNode addr = e.putObject("address");
    addr.put("country", co.country.name());
    addr.put("state", co.region);
    addr.put("city", co.city);
    addr.putNull("address_zip");
    e.put("mrr", mrr);
    e.put("arr", mrr * 12);
    e.put("billing-system-url", "https://dashboard.stripe.com/customers/" + c.stripeId);
    e.put(
        "chartmogul-url",
        "https://app.chartmogul.com/#/customers/" + id + "-" + co.name.replace(' ', '_'));
    e.put("billing-system-type", "Stripe");
    e.put("currency", "USD");
    e.put("currency-sign", "$");
    e.putNull("owner");
    return e;
  }
}
