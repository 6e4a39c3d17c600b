package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.stripe.model.Charge;
import com.stripe.model.Coupon;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.TaxRate;
import com.stripe.net.ApiResource;
import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * The Stripe files parse with stripe-java's own model classes, carry no key the model does not
 * know, and have the fields the marts need.
 */
public class StripeModelTest {
  /** ApiResource.GSON, but writing nulls, so a re-serialised object shows every model field. */
  private static final Gson ALL_FIELDS = ApiResource.GSON.newBuilder().serializeNulls().create();

  private static JsonArray data(String file) throws IOException {
    Path p = DemoFixture.dir().resolve("stripe").resolve(file);
    JsonObject list = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    assertEquals("list", list.get("object").getAsString());
    assertFalse(list.get("has_more").getAsBoolean());
    assertEquals("/v1/" + file.replace(".json", ""), list.get("url").getAsString());
    return list.getAsJsonArray("data");
  }

  private static <T> List<T> parseAll(String file, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    for (JsonElement e : data(file)) {
      T obj = ApiResource.GSON.fromJson(e, type);
      assertKnownKeys(type.getSimpleName(), e, ALL_FIELDS.toJsonTree(obj));
      out.add(obj);
    }
    assertFalse(file + " is empty", out.isEmpty());
    return out;
  }

  /** Every key we wrote exists in the model (recursively); values that are objects stay objects. */
  private static void assertKnownKeys(String path, JsonElement ours, JsonElement model) {
    if (ours.isJsonObject()) {
      if (!model.isJsonObject()) {
        fail(path + ": we wrote an object, the model holds " + model);
      }
      JsonObject m = model.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : ours.getAsJsonObject().entrySet()) {
        if (!m.has(e.getKey())) {
          fail(path + "." + e.getKey() + " is unknown to stripe-java " + Stripe.VERSION);
        }
        if (!e.getValue().isJsonNull()) {
          assertKnownKeys(path + "." + e.getKey(), e.getValue(), m.get(e.getKey()));
        }
      }
    } else if (ours.isJsonArray()) {
      JsonArray a = ours.getAsJsonArray();
      JsonArray b = model.getAsJsonArray();
      assertEquals(path + " length", a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertKnownKeys(path + "[" + i + "]", a.get(i), b.get(i));
      }
    }
  }

  @Test
  public void theKeyCheckCatchesAnUnknownKey() throws IOException {
    JsonObject sub = data("subscriptions.json").get(0).getAsJsonObject().deepCopy();
    sub.getAsJsonObject("items")
        .getAsJsonArray("data")
        .get(0)
        .getAsJsonObject()
        .addProperty("current_period_typo", 1);
    Subscription parsed = ApiResource.GSON.fromJson(sub, Subscription.class);
    try {
      assertKnownKeys("Subscription", sub, ALL_FIELDS.toJsonTree(parsed));
    } catch (AssertionError expected) {
      assertTrue(expected.getMessage(), expected.getMessage().contains("current_period_typo"));
      return;
    }
    fail("an unknown nested key went unnoticed");
  }

  @Test
  public void pinnedApiVersionIsStripeJavas() throws IOException {
    String meta = Files.readString(DemoFixture.dir().resolve("stripe/_meta.json"));
    assertTrue(meta.contains("\"api_version\": \"" + Stripe.API_VERSION + "\""));
  }

  @Test
  public void catalogueParses() throws IOException {
    for (Price p : parseAll("prices.json", Price.class)) {
      assertNotNull(p.getUnitAmount());
      assertNotNull(p.getRecurring().getInterval());
    }
    parseAll("products.json", Product.class);
    Set<String> durations = new HashSet<>();
    for (Coupon c : parseAll("coupons.json", Coupon.class)) {
      durations.add(c.getDuration());
    }
    assertEquals(Set.of("forever", "once", "repeating"), durations);
    parseAll("tax_rates.json", TaxRate.class);
  }

  @Test
  public void customersParse() throws IOException {
    for (Customer c : parseAll("customers.json", Customer.class)) {
      assertNotNull(c.getEmail());
      assertNotNull(c.getCreated());
    }
  }

  @Test
  public void subscriptionsParseWithItemPeriods() throws IOException {
    Set<String> statuses = new HashSet<>();
    boolean discounted = false;
    boolean scheduledCancel = false;
    for (Subscription s : parseAll("subscriptions.json", Subscription.class)) {
      statuses.add(s.getStatus());
      assertNotNull(s.getCustomer());
      assertFalse(s.getItems().getData().isEmpty());
      for (SubscriptionItem i : s.getItems().getData()) {
        assertNotNull(i.getPrice());
        assertNotNull(i.getPrice().getUnitAmount());
        assertNotNull(i.getQuantity());
        assertNotNull(i.getCurrentPeriodStart());
        assertNotNull(i.getCurrentPeriodEnd());
      }
      discounted |=
          !s.getDiscounts().isEmpty()
              && s.getDiscountObjects().get(0).getSource().getCoupon() != null;
      scheduledCancel |=
          Boolean.TRUE.equals(s.getCancelAtPeriodEnd()) && "active".equals(s.getStatus());
    }
    assertTrue(statuses.toString(), statuses.containsAll(Set.of("trialing", "active", "canceled")));
    assertTrue("some subscriptions carry a coupon", discounted);
    assertTrue("some subscriptions are set to cancel at period end", scheduledCancel);
  }

  @Test
  public void invoicesParseWithLinesLinkedToSubscriptions() throws IOException {
    boolean proration = false;
    boolean discount = false;
    boolean tax = false;
    Set<String> reasons = new HashSet<>();
    for (Invoice inv : parseAll("invoices.json", Invoice.class)) {
      reasons.add(inv.getBillingReason());
      assertNotNull(inv.getParent().getSubscriptionDetails().getSubscription());
      long sum = 0;
      for (InvoiceLineItem l : inv.getLines().getData()) {
        assertNotNull(l.getAmount());
        assertNotNull(l.getPeriod().getStart());
        assertNotNull(l.getPeriod().getEnd());
        assertTrue(l.getPeriod().getEnd() >= l.getPeriod().getStart());
        InvoiceLineItem.Parent.SubscriptionItemDetails d =
            l.getParent().getSubscriptionItemDetails();
        assertNotNull(d.getSubscription());
        assertNotNull(d.getSubscriptionItem());
        assertNotNull(l.getPricing().getPriceDetails().getPrice());
        proration |= d.getProration();
        discount |=
            !l.getDiscountAmounts().isEmpty() && l.getDiscountAmounts().get(0).getAmount() > 0;
        tax |= !l.getTaxes().isEmpty() && l.getTaxes().get(0).getAmount() != 0;
        sum += l.getAmount();
      }
      assertEquals(
          "subtotal is the sum of the lines of " + inv.getId(), (long) inv.getSubtotal(), sum);
    }
    assertTrue(proration && discount && tax);
    assertTrue(
        reasons.toString(),
        reasons.containsAll(
            Set.of("subscription_create", "subscription_cycle", "subscription_update")));
  }

  @Test
  public void chargesParseIncludingFailedAttempts() throws IOException {
    int failed = 0;
    for (Charge c : parseAll("charges.json", Charge.class)) {
      assertNotNull(c.getAmount());
      assertNotNull(c.getPaymentIntent());
      if ("failed".equals(c.getStatus())) {
        failed++;
        assertNotNull(c.getFailureCode());
      }
    }
    assertTrue("some payments fail", failed > 5);
  }
}
