package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.sources.common.IncrementalOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the Stripe pipeline. The API key is never an option: a secret name or STRIPE_API_KEY.
 */
@Description(
    "Stripe billing: customers, subscriptions and their items, invoices with their lines, and payments from the Stripe API to the billing staging tables.")
public interface StripeOptions extends IncrementalOptions {

  @Description(
      "Secret Manager version holding the Stripe secret key (projects/P/secrets/S/versions/V). "
          + "Without it, the STRIPE_API_KEY environment variable is used.")
  String getStripeApiKeySecret();

  void setStripeApiKeySecret(String value);

  @Description(
      "Base URL of the Stripe API; point it at a local server that speaks Stripe's API for tests and the demo.")
  @Default.String("https://api.stripe.com")
  String getStripeApiBase();

  void setStripeApiBase(String value);

  @Description(
      "A window read: only invoices and charges created on or after this day (YYYY-MM-DD, UTC), "
          + "read by list; their day partitions from then to today are replaced and their cursors "
          + "stay where they were. The other tables follow their cursors. Default: every table "
          + "from the events since its cursor, or in full (see --fullRefresh).")
  String getSince();

  void setSince(String value);

  @Description(
      "stripe-java's maxNetworkRetries (connection failures, 409 and the 5xx it retries itself).")
  @Default.Integer(2)
  int getStripeMaxNetworkRetries();

  void setStripeMaxNetworkRetries(int value);

  @Description(
      "Our bound on retries of one request answered 429 or 5xx (honouring Retry-After); after it, the run fails.")
  @Default.Integer(5)
  int getStripeRetryLimit();

  void setStripeRetryLimit(int value);

  @Description(
      "First backoff between retries in milliseconds (doubles each retry) when no Retry-After is given.")
  @Default.Long(500L)
  long getStripeRetryBackoffMillis();

  void setStripeRetryBackoffMillis(long value);

  @Description("Longest wait before one retry, in seconds (caps Retry-After).")
  @Default.Long(60L)
  long getStripeMaxRetryWaitSeconds();

  void setStripeMaxRetryWaitSeconds(long value);
}
