package io.intelligencesuite.sources.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stripe-java's own HTTP client plus our bound for rate limits and server errors: a 429 or 5xx
 * response is retried up to {@code retries} times, waiting what {@code Retry-After} asks (capped)
 * or an exponential backoff. stripe-java's {@code maxNetworkRetries} still applies around this (to
 * connection failures, 409s and the 5xx it retries itself), so a request is tried at most
 * {@code (maxNetworkRetries + 1) x (retries + 1)} times before the list fails. The API key is in
 * the request's headers only; nothing here logs headers.
 */
final class RetryingHttpClient extends HttpURLConnectionClient {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingHttpClient.class);
  private final int retries;
  private final Duration baseBackoff;
  private final Duration maxWait;
  private final AtomicLong retried = new AtomicLong();

  RetryingHttpClient(int retries, Duration baseBackoff, Duration maxWait) {
    this.retries = retries;
    this.baseBackoff = baseBackoff;
    this.maxWait = maxWait;
  }

  long retried() {
    return retried.get();
  }

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    for (int attempt = 0; ; attempt++) {
      StripeResponse response = super.request(request);
      int code = response.code();
      if ((code != 429 && code < 500) || attempt >= retries) {
        return response;
      }
      Duration wait = waitFor(response, attempt);
      retried.incrementAndGet();
      LOG.info("Stripe {} {} answered {}; retry {} of {} in {} ms", request.method(), request.url().getPath(),
          code, attempt + 1, retries, wait.toMillis());
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiConnectionException("interrupted while waiting to retry " + request.url().getPath(), e);
      }
    }
  }

  private Duration waitFor(StripeResponse response, int attempt) {
    Duration backoff = baseBackoff.multipliedBy(1L << Math.min(attempt, 10));
    Duration wait = backoff;
    String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
    if (retryAfter != null) {
      try {
        wait = Duration.ofMillis((long) (Double.parseDouble(retryAfter.trim()) * 1000));
      } catch (NumberFormatException e) {
        // an HTTP date: fall back to our backoff
      }
    }
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
