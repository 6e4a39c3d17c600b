package io.intelligencesuite.sources.stripe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.model.InvoiceLineItem;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.tests.DemoFixture;
import org.junit.Test;

/**
 * A list entry is decoded alone with stripe-java's own GSON: what decodes passes untouched; what is
 * of another type or does not decode is rejected naming its id and the field where decoding
 * stopped, including inside models whose adapters decode a tree (Charge) and so leave no path of
 * their own.
 */
public class StripeObjectRejectionTest {

  private static ObjectNode demoObject(String list, int index) throws Exception {
    return (ObjectNode)
        Json.MAPPER
            .readTree(DemoFixture.dir().resolve("stripe/" + list + ".json").toFile())
            .path("data")
            .get(index);
  }

  private static JsonNode rejection(StripeResource r, JsonNode o) {
    String text = StripeSource.rejection(r.model(), r.objectType(), r.path(), o);
    return text == null ? null : Json.parse(text);
  }

  @Test
  public void everyDemoListEntryDecodes() throws Exception {
    for (StripeResource r : StripeResource.values()) {
      for (JsonNode o :
          Json.MAPPER
              .readTree(
                  DemoFixture.dir().resolve("stripe/" + r.path().substring(4) + ".json").toFile())
              .path("data")) {
        assertNull(r + " " + o.path("id"), rejection(r, o));
      }
    }
  }

  @Test
  public void anEntryOfAnotherTypeIsRejectedByItsObjectField() throws Exception {
    JsonNode r = rejection(StripeResource.CUSTOMERS, demoObject("coupons", 0));
    assertEquals("object", r.get("rejected_field").asText());
    assertThat(
        r.get("rejected_reason").asText(),
        containsString("a 'coupon' in the /v1/customers list, expected 'customer'"));
    assertEquals("coupon", r.path("record").path("object").asText());
  }

  @Test
  public void anUndecodableEntryNamesItsIdAndField() throws Exception {
    ObjectNode charge = demoObject("charges", 3);
    charge.put("amount", "lots");
    JsonNode r = rejection(StripeResource.CHARGES, charge);
    assertEquals("amount", r.get("rejected_field").asText());
    assertThat(
        r.get("rejected_reason").asText(),
        containsString(
            "stripe-java cannot decode charge "
                + charge.get("id").asText()
                + " at $.amount: For input string: \"lots\""));

    ObjectNode sub = demoObject("subscriptions", 0);
    ((ObjectNode) sub.path("items").path("data").get(0)).put("quantity", "two");
    assertEquals(
        "items.data[0].quantity",
        rejection(StripeResource.SUBSCRIPTIONS, sub).get("rejected_field").asText());

    ObjectNode line = (ObjectNode) demoObject("invoices", 0).path("lines").path("data").get(0);
    line.set("period", Json.MAPPER.createArrayNode());
    JsonNode rejectedLine =
        Json.parse(
            StripeSource.rejection(
                InvoiceLineItem.class, "line_item", "/v1/invoices/in_1/lines", line));
    assertEquals("period", rejectedLine.get("rejected_field").asText());
  }
}
