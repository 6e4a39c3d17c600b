package io.intelligencesuite.sources.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import io.intelligencesuite.sources.common.HttpRetry;
import java.time.Duration;

/**
 * stripe-java's own HTTP client plus the sources' retry rule ({@link HttpRetry}): a 429 or 5xx
 * response is retried up to {@code retries} times, waiting what {@code Retry-After} asks (capped)
 * or an exponential backoff. stripe-java's {@code maxNetworkRetries} still applies around this (to
 * connection failures, 409s and the 5xx it retries itself), so a request is tried at most {@code
 * (maxNetworkRetries + 1) x (retries + 1)} times before the list fails. The API key is in the
 * request's headers only; nothing here logs headers.
 */
final class RetryingHttpClient extends HttpURLConnectionClient {
  private final HttpRetry retry;

  RetryingHttpClient(int retries, Duration baseBackoff, Duration maxWait) {
    this.retry = new HttpRetry(retries, baseBackoff, maxWait);
  }

  long retried() {
    return retry.retried();
  }

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    try {
      return retry.send(
          "Stripe " + request.method() + " " + request.url().getPath(),
          () -> super.request(request),
          StripeResponse::code,
          response -> response.headers().firstValue("Retry-After"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException(
          "interrupted while waiting to retry " + request.url().getPath(), e);
    }
  }
}
