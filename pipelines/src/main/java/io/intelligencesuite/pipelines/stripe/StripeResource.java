package io.intelligencesuite.pipelines.stripe;

/** The Stripe lists the pipeline reads, each fetched on its own thread. */
public enum StripeResource {
  CUSTOMERS("/v1/customers"),
  SUBSCRIPTIONS("/v1/subscriptions"),
  INVOICES("/v1/invoices"),
  CHARGES("/v1/charges"),
  COUPONS("/v1/coupons");

  private final String path;

  StripeResource(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
