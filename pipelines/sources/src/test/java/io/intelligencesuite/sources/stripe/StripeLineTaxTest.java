package io.intelligencesuite.sources.stripe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * MRR rule 3 at the source: a line's tax, and the inclusive part that sits inside its amount, from
 * {@code taxes[].tax_behavior} (2025-03-31.basil on) and from the older {@code
 * tax_amounts[].inclusive}; and the line's parent chosen by {@code parent.type}.
 */
public class StripeLineTaxTest {
  private static Row line(String lineJson) {
    return StripeParsers.invoiceLine(
        "{\"invoice_id\":\"in_1\",\"customer_id\":\"cus_1\",\"invoice_created\":1767225600,"
            + "\"currency\":\"eur\",\"line\":"
            + lineJson
            + "}");
  }

  @Test
  public void taxesSplitByTaxBehavior() {
    // 12000 including 2000 VAT, plus a 500 exclusive levy on top: tax 2500, of which 2000 inside.
    Row r =
        line(
            "{\"id\":\"il_1\",\"amount\":12000,\"parent\":{\"type\":\"subscription_item_details\","
                + "\"subscription_item_details\":{\"subscription\":\"sub_1\","
                + "\"subscription_item\":\"si_1\",\"proration\":false}},"
                + "\"taxes\":[{\"amount\":2000,\"tax_behavior\":\"inclusive\",\"taxable_amount\":10000},"
                + "{\"amount\":500,\"tax_behavior\":\"exclusive\",\"taxable_amount\":10000}]}");
    assertEquals(2500L, (long) r.getInt64("tax_cents"));
    assertEquals(2000L, (long) r.getInt64("tax_inclusive_cents"));
    assertEquals("si_1", r.getString("subscription_item_id"));
  }

  @Test
  public void olderTaxAmountsInclusiveFlag() {
    Row r =
        line(
            "{\"id\":\"il_2\",\"type\":\"subscription\",\"subscription\":\"sub_1\","
                + "\"amount\":10000,\"proration\":false,"
                + "\"tax_amounts\":[{\"amount\":1667,\"inclusive\":true},"
                + "{\"amount\":300,\"inclusive\":false}]}");
    assertEquals(1967L, (long) r.getInt64("tax_cents"));
    assertEquals(1667L, (long) r.getInt64("tax_inclusive_cents"));
  }

  @Test
  public void theApiReferenceLineIsAnInvoiceItemByItsParentType() throws Exception {
    // Stripe's reference fixture carries both parents; parent.type says invoice_item_details, so
    // the subscription_item_details beside it (subscription "subscription") is not the line's.
    String json = Files.readString(StripeConformanceTest.realdata().resolve("line_item.json"));
    Row r = line(json);
    assertEquals("invoiceitem", r.getString("line_type"));
    assertNull(r.getString("subscription_id"));
    assertNull(r.getString("subscription_item_id"));
    assertEquals(true, r.getBoolean("is_proration"));
    assertEquals(0L, (long) r.getInt64("tax_inclusive_cents"));
  }
}
