package io.intelligencesuite.sources.stripe;

import com.stripe.model.Charge;
import com.stripe.model.Coupon;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;

/**
 * The Stripe lists the pipeline reads, each fetched on its own thread: the list's path, the
 * stripe-java model and {@code object} type its entries must decode to, and the table whose dead
 * letters hold an entry that does not (coupons only complete subscriptions' discounts, prices only
 * complete invoice lines).
 */
public enum StripeResource {
  CUSTOMERS("/v1/customers", Customer.class, "customer", Tables.CUSTOMERS),
  SUBSCRIPTIONS("/v1/subscriptions", Subscription.class, "subscription", Tables.SUBSCRIPTIONS),
  INVOICES("/v1/invoices", Invoice.class, "invoice", Tables.INVOICES),
  CHARGES("/v1/charges", Charge.class, "charge", Tables.PAYMENTS),
  COUPONS("/v1/coupons", Coupon.class, "coupon", Tables.SUBSCRIPTIONS),
  PRICES("/v1/prices", Price.class, "price", Tables.INVOICE_LINES);

  private final String path;
  private final Class<? extends StripeObject> model;
  private final String objectType;
  private final TableDef deadLetterTable;

  StripeResource(
      String path,
      Class<? extends StripeObject> model,
      String objectType,
      TableDef deadLetterTable) {
    this.path = path;
    this.model = model;
    this.objectType = objectType;
    this.deadLetterTable = deadLetterTable;
  }

  public String path() {
    return path;
  }

  Class<? extends StripeObject> model() {
    return model;
  }

  String objectType() {
    return objectType;
  }

  TableDef deadLetterTable() {
    return deadLetterTable;
  }
}
