package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes stripe/: one file per list endpoint, exactly the body Stripe returns for {@code GET
 * /v1/<resource>} at API version 2026-07-29.dahlia (the version stripe-java 33.3.0 pins), newest
 * first, everything on one page. Field names follow that version: current period on subscription
 * items, invoice lines linked through parent.subscription_item_details, prices on lines under
 * pricing.price_details, discounts with source.coupon.
 */
final class StripeWriter {
  static final String API_VERSION = "2026-07-29.dahlia";
  private static final String ACCOUNT_NAME = "ClassHarbor Inc.";

  private final World w;
  private final OutputFiles out;
  private final Map<String, String> taxRateIds = new TreeMap<>();
  private final Map<String, Long> couponRedemptions = new TreeMap<>();

  StripeWriter(World w, OutputFiles out) {
    this.w = w;
    this.out = out;
    for (Geography.Country c : Geography.COUNTRIES) {
      if (c.taxBasisPoints() > 0) {
        taxRateIds.put(c.code(), "txr_vat" + c.code().toLowerCase(Locale.ROOT) + "2024");
      }
    }
  }

  void write() throws IOException {
    ObjectNode meta = OutputFiles.obj();
    meta.put("api_version", API_VERSION);
    meta.put("client", "stripe-java 33.3.0");
    meta.put("account", ACCOUNT_NAME);
    meta.put("livemode", false);
    meta.put("as_of", SimCalendar.iso(SimCalendar.AS_OF));
    ArrayNode eps = meta.putArray("endpoints");
    for (String e :
        new String[] {
          "GET /v1/customers",
          "GET /v1/products",
          "GET /v1/prices",
          "GET /v1/coupons",
          "GET /v1/tax_rates",
          "GET /v1/subscriptions?status=all&expand[]=data.discounts",
          "GET /v1/invoices?expand[]=data.payments",
          "GET /v1/charges"
        }) {
      eps.add(e);
    }
    meta.put(
        "note",
        "Lists are newest first and complete on one page (has_more=false). "
            + "Invoice lines are the invoice's embedded lines list; subscriptions carry expanded "
            + "discounts; invoices carry expanded payments.");
    out.writeJson("stripe/_meta.json", meta, 1);

    List<SimSubscription> subs = new ArrayList<>();
    List<SimInvoice> invoices = new ArrayList<>();
    List<SimCharge> charges = new ArrayList<>();
    for (BillingCustomer c : w.customers) {
      subs.addAll(c.subscriptions);
      invoices.addAll(c.invoices);
      charges.addAll(c.charges);
      for (SimSubscription s : c.subscriptions) {
        if (s.discount != null) {
          couponRedemptions.merge(s.discount.coupon.id(), 1L, Long::sum);
        }
      }
    }
    List<BillingCustomer> customers = new ArrayList<>(w.customers);
    customers.sort(
        Comparator.comparingLong((BillingCustomer c) -> c.created)
            .thenComparing(c -> c.stripeId)
            .reversed());
    subs.sort(
        Comparator.comparingLong((SimSubscription s) -> s.created)
            .thenComparing(s -> s.id)
            .reversed());
    invoices.sort(
        Comparator.comparingLong((SimInvoice i) -> i.created).thenComparing(i -> i.id).reversed());
    charges.sort(
        Comparator.comparingLong(SimCharge::created).thenComparing(SimCharge::id).reversed());

    list("customers", customers.stream().map(this::customer).toList());
    list("products", products());
    List<Catalog.Price> prices = new ArrayList<>(w.catalog.prices);
    prices.sort(Comparator.comparing(Catalog.Price::id).reversed());
    list("prices", prices.stream().map(this::price).toList());
    list("coupons", Catalog.COUPONS.stream().map(this::coupon).toList());
    List<ObjectNode> rates = new ArrayList<>();
    for (Geography.Country c : Geography.COUNTRIES) {
      if (c.taxBasisPoints() > 0) {
        rates.add(taxRate(c));
      }
    }
    list("tax_rates", rates);
    list("subscriptions", subs.stream().map(this::subscription).toList());
    list("invoices", invoices.stream().map(this::invoice).toList());
    list("charges", charges.stream().map(this::charge).toList());
  }

  private void list(String resource, List<ObjectNode> data) throws IOException {
    ObjectNode body = OutputFiles.obj();
    body.put("object", "list");
    ArrayNode arr = body.putArray("data");
    data.forEach(arr::add);
    body.put("has_more", false);
    body.put("url", "/v1/" + resource);
    out.writeJson("stripe/" + resource + ".json", body, data.size());
  }

  // ---------------------------------------------------------------- catalogue

  private List<ObjectNode> products() {
    List<ObjectNode> list = new ArrayList<>();
    Catalog.Price addOn = w.catalog.addOn("usd", false);
    list.add(
        product(
            Catalog.ADD_ON_PRODUCT,
            addOn.id(),
            "ClassHarbor assistant seats, billed quarterly next to a monthly plan",
            "ClassHarbor Assistant seats",
            addOn.created()));
    Catalog.Tier[] tiers = Catalog.Tier.values();
    for (int i = tiers.length - 1; i >= 0; i--) {
      Catalog.Tier t = tiers[i];
      list.add(
          product(
              t.productId(),
              w.catalog.price(t, false, "usd").id(),
              "ClassHarbor " + t.label + ": per teacher seat",
              "ClassHarbor " + t.label,
              Catalog.CATALOG_CREATED));
    }
    return list;
  }

  private static ObjectNode product(
      String id, String defaultPrice, String description, String name, long created) {
    ObjectNode p = OutputFiles.obj();
    p.put("id", id);
    p.put("object", "product");
    p.put("active", true);
    p.put("created", created);
    p.put("default_price", defaultPrice);
    p.put("description", description);
    p.putArray("images");
    p.put("livemode", false);
    p.putArray("marketing_features");
    p.putObject("metadata");
    p.put("name", name);
    p.putNull("package_dimensions");
    p.putNull("shippable");
    p.putNull("statement_descriptor");
    p.putNull("tax_code");
    p.put("unit_label", "seat");
    p.put("updated", created);
    p.putNull("url");
    return p;
  }

  private ObjectNode price(Catalog.Price pr) {
    ObjectNode p = OutputFiles.obj();
    p.put("id", pr.id());
    p.put("object", "price");
    p.put("active", true);
    p.put("billing_scheme", "per_unit");
    p.put("created", pr.created());
    p.put("currency", pr.currency());
    p.putNull("custom_unit_amount");
    p.put("livemode", false);
    p.put("lookup_key", pr.id().substring("price_".length()));
    p.putObject("metadata");
    p.put("nickname", pr.nickname());
    p.put("product", pr.productId());
    ObjectNode rec = p.putObject("recurring");
    rec.put("interval", pr.interval());
    rec.put("interval_count", pr.intervalCount());
    rec.putNull("meter");
    rec.putNull("trial_period_days");
    rec.put("usage_type", "licensed");
    p.put("tax_behavior", pr.taxInclusive() ? "inclusive" : "exclusive");
    p.putNull("tiers_mode");
    p.putNull("transform_quantity");
    p.put("type", "recurring");
    p.put("unit_amount", pr.unitAmount());
    p.put("unit_amount_decimal", Integer.toString(pr.unitAmount()));
    return p;
  }

  /** The legacy Plan view of a price, which Stripe still embeds in subscription items. */
  private ObjectNode plan(Catalog.Price pr) {
    ObjectNode p = OutputFiles.obj();
    p.put("id", pr.id());
    p.put("object", "plan");
    p.put("active", true);
    p.put("amount", pr.unitAmount());
    p.put("amount_decimal", Integer.toString(pr.unitAmount()));
    p.put("billing_scheme", "per_unit");
    p.put("created", pr.created());
    p.put("currency", pr.currency());
    p.put("interval", pr.interval());
    p.put("interval_count", pr.intervalCount());
    p.put("livemode", false);
    p.putObject("metadata");
    p.putNull("meter");
    p.put("nickname", pr.nickname());
    p.put("product", pr.productId());
    p.putNull("tiers_mode");
    p.putNull("transform_usage");
    p.putNull("trial_period_days");
    p.put("usage_type", "licensed");
    return p;
  }

  private ObjectNode coupon(Catalog.Coupon c) {
    ObjectNode p = OutputFiles.obj();
    p.put("id", c.id());
    p.put("object", "coupon");
    if (c.amountOff() > 0) {
      p.put("amount_off", c.amountOff());
    } else {
      p.putNull("amount_off");
    }
    p.put("created", c.created());
    p.put("currency", c.currency());
    p.put("duration", c.duration());
    if (c.durationInMonths() > 0) {
      p.put("duration_in_months", c.durationInMonths());
    } else {
      p.putNull("duration_in_months");
    }
    p.put("livemode", false);
    p.putNull("max_redemptions");
    p.putObject("metadata");
    p.put("name", c.name());
    if (c.percentOff() > 0) {
      p.put("percent_off", c.percentOff());
    } else {
      p.putNull("percent_off");
    }
    p.putNull("redeem_by");
    p.put("times_redeemed", couponRedemptions.getOrDefault(c.id(), 0L));
    p.put("valid", true);
    return p;
  }

  private ObjectNode taxRate(Geography.Country c) {
    ObjectNode t = OutputFiles.obj();
    t.put("id", taxRateIds.get(c.code()));
    t.put("object", "tax_rate");
    t.put("active", true);
    t.put("country", c.code());
    t.put("created", Catalog.CATALOG_CREATED);
    t.put("description", "VAT " + c.name());
    t.put("display_name", "VAT");
    t.put("effective_percentage", c.taxBasisPoints() / 100.0);
    t.putNull("flat_amount");
    t.put("inclusive", false);
    t.put("jurisdiction", c.code());
    t.put("jurisdiction_level", "country");
    t.put("livemode", false);
    t.putObject("metadata");
    t.put("percentage", c.taxBasisPoints() / 100.0);
    t.putNull("rate_type");
    t.putNull("state");
    t.put("tax_type", "vat");
    return t;
  }

  // ---------------------------------------------------------------- customers

  private ObjectNode customer(BillingCustomer c) {
    Company co = c.company;
    ObjectNode p = OutputFiles.obj();
    p.put("id", c.stripeId);
    p.put("object", "customer");
    address(p.putObject("address"), co);
    p.put("balance", 0);
    p.put("created", c.created);
    p.put("currency", c.currency);
    p.putNull("default_source");
    p.put("delinquent", c.subscriptions.stream().anyMatch(s -> "past_due".equals(s.status)));
    p.putNull("description");
    p.putNull("discount");
    p.put("email", c.email);
    p.put("invoice_prefix", c.stripeId.substring(4, 12).toUpperCase(Locale.ROOT));
    ObjectNode is = p.putObject("invoice_settings");
    is.putNull("custom_fields");
    is.put("default_payment_method", paymentMethod(c));
    is.putNull("footer");
    is.putNull("rendering_options");
    p.put("livemode", false);
    ObjectNode md = p.putObject("metadata");
    md.put("account_id", Integer.toString(co.accountId));
    p.put("name", co.name);
    p.put("next_invoice_sequence", c.invoices.size() + 1);
    p.putNull("phone");
    p.putArray("preferred_locales").add(co.country.code().equals("GR") ? "el" : "en");
    p.putNull("shipping");
    p.put("tax_exempt", "none");
    p.putNull("test_clock");
    return p;
  }

  private static void address(ObjectNode a, Company co) {
    a.put("city", co.city);
    a.put("country", co.country.code());
    a.put("line1", (co.accountId % 180 + 1) + " School Lane");
    a.putNull("line2");
    a.put("postal_code", Names.pad((co.accountId * 37) % 100000, 5));
    a.put("state", co.region);
  }

  private static String paymentMethod(BillingCustomer c) {
    return "pm_1" + c.stripeId.substring(4) + "PaymentMtd";
  }

  // ---------------------------------------------------------------- subscriptions

  private ObjectNode subscription(SimSubscription s) {
    BillingCustomer c = s.customer;
    ObjectNode p = OutputFiles.obj();
    p.put("id", s.id);
    p.put("object", "subscription");
    p.putNull("application");
    p.putNull("application_fee_percent");
    ObjectNode at = p.putObject("automatic_tax");
    at.putNull("disabled_reason");
    at.put("enabled", false);
    at.putNull("liability");
    p.put("billing_cycle_anchor", s.billingCycleAnchor);
    p.putNull("billing_cycle_anchor_config");
    p.putObject("billing_mode").put("type", s.billingMode);
    p.putNull("billing_thresholds");
    p.put("cancel_at", s.cancelAt);
    p.put("cancel_at_period_end", s.cancelAtPeriodEnd);
    p.put("canceled_at", s.canceledAt);
    ObjectNode cd = p.putObject("cancellation_details");
    cd.putNull("comment");
    cd.put("feedback", s.cancellationFeedback);
    cd.put("reason", s.cancellationReason);
    p.put("collection_method", "charge_automatically");
    p.put("created", s.created);
    p.put("currency", s.price.currency());
    p.put("customer", c.stripeId);
    p.putNull("days_until_due");
    p.put("default_payment_method", paymentMethod(c));
    p.putNull("default_source");
    ArrayNode dtr = p.putArray("default_tax_rates");
    if (taxRateIds.containsKey(c.company.country.code()) && !c.company.test) {
      dtr.add(taxRate(c.company.country));
    }
    p.putNull("description");
    ArrayNode discounts = p.putArray("discounts");
    if (s.discount != null
        && (s.discount.end == null || s.discount.end > SimCalendar.AS_OF)
        && !(s.discount.coupon.duration().equals("once") && s.discount.used)) {
      discounts.add(discount(s));
    }
    p.put("ended_at", s.endedAt);
    ObjectNode inv = p.putObject("invoice_settings");
    inv.putNull("account_tax_ids");
    inv.putObject("issuer").put("type", "self");
    ObjectNode items = p.putObject("items");
    items.put("object", "list");
    ArrayNode itemList = items.putArray("data");
    itemList.add(item(s, s.itemId, s.itemCreated, s.periodStart, s.periodEnd, s.price, s.quantity));
    SimSubscription.AddOn a = s.addOn;
    if (a != null && !a.removed) {
      itemList.add(item(s, a.itemId, a.created, a.periodStart, a.periodEnd, a.price, a.quantity));
    }
    items.put("has_more", false);
    items.put("url", "/v1/subscription_items?subscription=" + s.id);
    p.put("latest_invoice", s.latestInvoiceId);
    p.put("livemode", false);
    p.putObject("metadata").put("account_id", Integer.toString(c.company.accountId));
    p.putNull("next_pending_invoice_item_invoice");
    p.putNull("on_behalf_of");
    if (s.pauseBehavior == null) {
      p.putNull("pause_collection");
    } else {
      p.putObject("pause_collection")
          .put("behavior", s.pauseBehavior)
          .put("resumes_at", s.pauseResumesAt);
    }
    ObjectNode ps = p.putObject("payment_settings");
    ps.putNull("payment_method_options");
    ps.putNull("payment_method_types");
    ps.put("save_default_payment_method", "off");
    p.putNull("pending_invoice_item_interval");
    p.putNull("pending_setup_intent");
    p.putNull("pending_update");
    p.putNull("schedule");
    p.put("start_date", s.created);
    p.put("status", s.status);
    p.putNull("test_clock");
    p.putNull("transfer_data");
    p.put("trial_end", s.trialEnd);
    p.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method", "cancel");
    p.put("trial_start", s.trialStart);
    return p;
  }

  private ObjectNode discount(SimSubscription s) {
    SimSubscription.Discount d = s.discount;
    ObjectNode p = OutputFiles.obj();
    p.put("id", d.id);
    p.put("object", "discount");
    p.putNull("checkout_session");
    p.put("customer", s.customer.stripeId);
    p.put("end", d.end);
    p.putNull("invoice");
    p.putNull("invoice_item");
    p.putNull("promotion_code");
    ObjectNode src = p.putObject("source");
    src.put("coupon", d.coupon.id());
    src.put("type", "coupon");
    p.put("start", d.start);
    p.put("subscription", s.id);
    p.putNull("subscription_item");
    return p;
  }

  private ObjectNode item(
      SimSubscription s,
      String itemId,
      long created,
      long periodStart,
      long periodEnd,
      Catalog.Price price,
      int quantity) {
    ObjectNode p = OutputFiles.obj();
    p.put("id", itemId);
    p.put("object", "subscription_item");
    p.putNull("billing_thresholds");
    p.put("created", created);
    p.put("current_period_end", periodEnd);
    p.put("current_period_start", periodStart);
    p.putArray("discounts");
    p.putObject("metadata");
    p.set("plan", plan(price));
    p.set("price", price(price));
    p.put("quantity", quantity);
    p.put("subscription", s.id);
    p.putArray("tax_rates");
    return p;
  }

  // ---------------------------------------------------------------- invoices and charges

  private ObjectNode invoice(SimInvoice i) {
    SimSubscription s = i.subscription;
    BillingCustomer c = s.customer;
    long total = i.total();
    boolean paid = "paid".equals(i.status);
    ObjectNode p = OutputFiles.obj();
    p.put("id", i.id);
    p.put("object", "invoice");
    p.put("account_country", "US");
    p.put("account_name", ACCOUNT_NAME);
    p.putNull("account_tax_ids");
    p.put("amount_due", total);
    p.put("amount_overpaid", 0);
    p.put("amount_paid", paid ? total : 0);
    p.put("amount_remaining", paid ? 0 : total);
    p.put("amount_shipping", 0);
    p.putNull("application");
    p.put("attempt_count", i.attemptCount);
    p.put("attempted", i.attemptCount > 0 || total == 0);
    p.put("auto_advance", !paid && !"uncollectible".equals(i.status) && !"void".equals(i.status));
    ObjectNode at = p.putObject("automatic_tax");
    at.putNull("disabled_reason");
    at.put("enabled", false);
    at.putNull("liability");
    at.putNull("provider");
    at.putNull("status");
    p.putNull("automatically_finalizes_at");
    p.put("billing_reason", i.billingReason);
    p.put("collection_method", "charge_automatically");
    p.put("created", i.created);
    p.put("currency", i.subscription.price.currency());
    p.putNull("custom_fields");
    p.put("customer", c.stripeId);
    p.putNull("customer_account");
    address(p.putObject("customer_address"), c.company);
    p.put("customer_email", c.email);
    p.put("customer_name", c.company.name);
    p.putNull("customer_phone");
    p.putNull("customer_shipping");
    p.put("customer_tax_exempt", "none");
    p.putArray("customer_tax_ids");
    p.putNull("default_payment_method");
    p.putNull("default_source");
    p.putArray("default_tax_rates");
    p.putNull("description");
    ArrayNode disc = p.putArray("discounts");
    if (i.discountId != null) {
      disc.add(i.discountId);
    }
    p.putNull("due_date");
    p.put("effective_at", i.created);
    p.put("ending_balance", 0);
    p.putNull("footer");
    p.putNull("from_invoice");
    p.put(
        "hosted_invoice_url",
        "https://invoice.stripe.com/i/acct_1ClassHarbor/test_" + i.id.substring(3));
    p.put(
        "invoice_pdf",
        "https://pay.stripe.com/invoice/acct_1ClassHarbor/test_" + i.id.substring(3) + "/pdf");
    p.putObject("issuer").put("type", "self");
    p.putNull("last_finalization_error");
    p.putNull("latest_revision");
    ObjectNode lines = p.putObject("lines");
    lines.put("object", "list");
    ArrayNode data = lines.putArray("data");
    for (SimInvoice.Line l : i.lines) {
      data.add(line(i, l));
    }
    lines.put("has_more", false);
    lines.put("url", "/v1/invoices/" + i.id + "/lines");
    p.put("livemode", false);
    p.putObject("metadata");
    p.put("next_payment_attempt", i.nextPaymentAttempt);
    p.put("number", i.number);
    p.putNull("on_behalf_of");
    ObjectNode parent = p.putObject("parent");
    parent.putNull("quote_details");
    ObjectNode sd = parent.putObject("subscription_details");
    sd.putObject("metadata").put("account_id", Integer.toString(c.company.accountId));
    sd.put("subscription", s.id);
    if (i.billingReason.equals("subscription_update")) {
      sd.put("subscription_proration_date", i.created);
    }
    parent.put("type", "subscription_details");
    ObjectNode pset = p.putObject("payment_settings");
    pset.putNull("default_mandate");
    pset.putNull("payment_method_options");
    pset.putNull("payment_method_types");
    ObjectNode pays = p.putObject("payments");
    pays.put("object", "list");
    ArrayNode pd = pays.putArray("data");
    if (i.paymentIntentId != null) {
      pd.add(invoicePayment(i));
    }
    pays.put("has_more", false);
    pays.put("url", "/v1/invoice_payments?invoice=" + i.id);
    p.put("period_end", i.periodEnd);
    p.put("period_start", i.periodStart);
    p.put("post_payment_credit_notes_amount", 0);
    p.put("pre_payment_credit_notes_amount", 0);
    p.putNull("receipt_number");
    p.putNull("rendering");
    p.putNull("shipping_cost");
    p.putNull("shipping_details");
    p.put("starting_balance", 0);
    p.putNull("statement_descriptor");
    p.put("status", i.status);
    ObjectNode st = p.putObject("status_transitions");
    st.put("finalized_at", i.created);
    st.put("marked_uncollectible_at", i.markedUncollectibleAt);
    st.put("paid_at", i.paidAt);
    st.put("voided_at", i.voidedAt);
    p.put("subtotal", i.subtotal());
    p.put("subtotal_excluding_tax", i.subtotal() - i.inclusiveTax());
    p.putNull("test_clock");
    p.putNull("threshold_reason");
    p.put("total", total);
    ArrayNode tda = p.putArray("total_discount_amounts");
    if (i.discountId != null) {
      ObjectNode d = tda.addObject();
      d.put("amount", i.discountTotal());
      d.put("discount", i.discountId);
    }
    p.put("total_excluding_tax", total - i.tax());
    p.putArray("total_pretax_credit_amounts");
    ArrayNode taxes = p.putArray("total_taxes");
    if (i.taxBasisPoints > 0) {
      for (boolean inclusive : new boolean[] {false, true}) {
        List<SimInvoice.Line> ls =
            i.lines.stream().filter(l -> l.taxInclusive == inclusive).toList();
        if (ls.isEmpty()) {
          continue;
        }
        ObjectNode t = taxes.addObject();
        t.put("amount", ls.stream().mapToLong(l -> l.taxAmount).sum());
        t.put("tax_behavior", inclusive ? "inclusive" : "exclusive");
        t.putObject("tax_rate_details").put("tax_rate", taxRateIds.get(c.company.country.code()));
        t.put("taxability_reason", "standard_rated");
        t.put("taxable_amount", ls.stream().mapToLong(l -> l.taxableAmount).sum());
        t.put("type", "tax_rate_details");
      }
    }
    p.put("webhooks_delivered_at", i.created + 2);
    return p;
  }

  private ObjectNode line(SimInvoice i, SimInvoice.Line l) {
    SimSubscription s = i.subscription;
    ObjectNode p = OutputFiles.obj();
    p.put("id", l.id);
    p.put("object", "line_item");
    p.put("amount", l.amount);
    p.put("currency", s.price.currency());
    p.put("description", l.description);
    ArrayNode da = p.putArray("discount_amounts");
    if (l.discountId != null) {
      ObjectNode d = da.addObject();
      d.put("amount", l.discountAmount);
      d.put("discount", l.discountId);
    }
    p.put("discountable", true);
    p.putArray("discounts");
    p.put("invoice", i.id);
    p.put("livemode", false);
    p.putObject("metadata");
    ObjectNode parent = p.putObject("parent");
    parent.putNull("invoice_item_details");
    ObjectNode sid = parent.putObject("subscription_item_details");
    if (l.proration) {
      sid.put("invoice_item", "ii_" + l.id.substring(3));
    } else {
      sid.putNull("invoice_item");
    }
    sid.put("proration", l.proration);
    ObjectNode pdet = sid.putObject("proration_details");
    pdet.putNull("credited_items");
    sid.put("subscription", s.id);
    sid.put("subscription_item", l.itemId);
    parent.put("type", "subscription_item_details");
    ObjectNode period = p.putObject("period");
    period.put("end", l.periodEnd);
    period.put("start", l.periodStart);
    p.putArray("pretax_credit_amounts");
    ObjectNode pricing = p.putObject("pricing");
    ObjectNode pdt = pricing.putObject("price_details");
    pdt.put("price", l.price.id());
    pdt.put("product", l.price.productId());
    pricing.put("type", "price_details");
    pricing.put("unit_amount_decimal", Integer.toString(l.price.unitAmount()));
    p.put("quantity", l.quantity);
    p.putNull("subscription");
    p.put("subtotal", l.amount);
    ArrayNode taxes = p.putArray("taxes");
    if (i.taxBasisPoints > 0) {
      ObjectNode t = taxes.addObject();
      t.put("amount", l.taxAmount);
      t.put("tax_behavior", l.taxInclusive ? "inclusive" : "exclusive");
      t.putObject("tax_rate_details")
          .put("tax_rate", taxRateIds.get(s.customer.company.country.code()));
      t.put("taxability_reason", "standard_rated");
      t.put("taxable_amount", l.taxableAmount);
      t.put("type", "tax_rate_details");
    }
    return p;
  }

  private ObjectNode invoicePayment(SimInvoice i) {
    SimCharge last = null;
    for (SimCharge ch : i.subscription.customer.charges) {
      if (ch.invoice() == i && (last == null || ch.succeeded() || !last.succeeded())) {
        last = ch;
      }
    }
    boolean paid = "paid".equals(i.status);
    ObjectNode p = OutputFiles.obj();
    p.put("id", "inpay_1" + i.id.substring(4));
    p.put("object", "invoice_payment");
    p.put("amount_paid", paid ? i.total() : 0);
    p.put("amount_requested", i.total());
    p.put("created", i.created);
    p.put("currency", i.subscription.price.currency());
    p.put("invoice", i.id);
    p.put("is_default", true);
    p.put("livemode", false);
    ObjectNode pay = p.putObject("payment");
    pay.put("charge", last == null ? null : last.id());
    pay.put("payment_intent", i.paymentIntentId);
    pay.put("type", "payment_intent");
    p.put("status", paid ? "paid" : i.status.equals("uncollectible") ? "canceled" : "open");
    ObjectNode st = p.putObject("status_transitions");
    st.put("canceled_at", i.markedUncollectibleAt);
    st.put("paid_at", i.paidAt);
    return p;
  }

  private ObjectNode charge(SimCharge ch) {
    BillingCustomer c = ch.invoice().subscription.customer;
    ObjectNode p = OutputFiles.obj();
    p.put("id", ch.id());
    p.put("object", "charge");
    p.put("amount", ch.amount());
    p.put("amount_captured", ch.succeeded() ? ch.amount() : 0);
    p.put("amount_refunded", 0);
    p.putNull("application");
    p.putNull("application_fee");
    p.putNull("application_fee_amount");
    p.put("balance_transaction", ch.succeeded() ? "txn_" + ch.id().substring(3) : null);
    ObjectNode bd = p.putObject("billing_details");
    address(bd.putObject("address"), c.company);
    bd.put("email", c.email);
    bd.put("name", c.company.name);
    bd.putNull("phone");
    bd.putNull("tax_id");
    p.put("calculated_statement_descriptor", "CLASSHARBOR");
    p.put("captured", ch.succeeded());
    p.put("created", ch.created());
    p.put("currency", ch.currency());
    p.put("customer", c.stripeId);
    p.put(
        "description",
        switch (ch.invoice().billingReason) {
          case "subscription_update" -> "Subscription update";
          case "subscription_create" -> "Subscription creation";
          default -> "Subscription cycle";
        });
    p.put("disputed", false);
    p.putNull("failure_balance_transaction");
    p.put("failure_code", ch.failureCode());
    p.put("failure_message", ch.failureMessage());
    p.putObject("fraud_details");
    p.put("livemode", false);
    p.putObject("metadata");
    p.putNull("on_behalf_of");
    ObjectNode o = p.putObject("outcome");
    o.putNull("advice_code");
    o.putNull("network_advice_code");
    o.putNull("network_decline_code");
    o.put("network_status", ch.succeeded() ? "approved_by_network" : "declined_by_network");
    o.put("reason", ch.declineCode());
    o.put("risk_level", "normal");
    o.put("risk_score", 8 + (int) (Math.abs(ch.id().hashCode()) % 40));
    o.put(
        "seller_message",
        ch.succeeded()
            ? "Payment complete."
            : "The bank did not return any further details with this decline.");
    o.put("type", ch.succeeded() ? "authorized" : "issuer_declined");
    p.put("paid", ch.succeeded());
    p.put("payment_intent", ch.invoice().paymentIntentId);
    p.put("payment_method", paymentMethod(c));
    ObjectNode pmd = p.putObject("payment_method_details");
    ObjectNode card = pmd.putObject("card");
    card.put("brand", Math.abs(c.stripeId.hashCode()) % 3 == 0 ? "mastercard" : "visa");
    card.put("country", c.company.country.code());
    card.put("exp_month", 1 + Math.abs(c.stripeId.hashCode()) % 12);
    card.put("exp_year", 2027 + Math.abs(c.stripeId.hashCode()) % 4);
    card.put("funding", "credit");
    card.put("last4", Names.pad(Math.abs(c.stripeId.hashCode()) % 10000, 4));
    card.put("network", Math.abs(c.stripeId.hashCode()) % 3 == 0 ? "mastercard" : "visa");
    pmd.put("type", "card");
    p.putNull("receipt_email");
    p.putNull("receipt_number");
    p.put(
        "receipt_url",
        ch.succeeded() ? "https://pay.stripe.com/receipts/payment/" + ch.id() : null);
    p.put("refunded", false);
    ObjectNode refunds = p.putObject("refunds");
    refunds.put("object", "list");
    refunds.putArray("data");
    refunds.put("has_more", false);
    refunds.put("url", "/v1/charges/" + ch.id() + "/refunds");
    p.putNull("review");
    p.putNull("shipping");
    p.putNull("source_transfer");
    p.putNull("statement_descriptor");
    p.putNull("statement_descriptor_suffix");
    p.put("status", ch.succeeded() ? "succeeded" : "failed");
    p.putNull("transfer_data");
    p.putNull("transfer_group");
    return p;
  }
}
