package io.intelligencesuite.sources.common;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry rule of every HTTP source (Stripe, ChartMogul, the enrichment APIs): an answer of 429
 * or 5xx, or no answer at all (status 0), is tried again up to {@code retries} times, after what
 * {@code Retry-After} asks (in seconds) or else an exponential backoff from {@code backoff}, never
 * longer than {@code maxWait}. Any other answer is the caller's to judge. Only the request's method
 * and path are logged: never its query (it may hold ids), its headers or its body (they carry the
 * key).
 */
public final class HttpRetry {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRetry.class);

  /** One request/answer exchange with the server. */
  @FunctionalInterface
  public interface Exchange<R, E extends Exception> {
    R send() throws E;
  }

  private final int retries;
  private final Duration backoff;
  private final Duration maxWait;
  private final AtomicLong retried = new AtomicLong();

  public HttpRetry(int retries, Duration backoff, Duration maxWait) {
    this.retries = retries;
    this.backoff = backoff;
    this.maxWait = maxWait;
  }

  /** 429 (rate limited), 5xx (the server's fault) and 0 (no answer: the connection failed). */
  public static boolean retryable(int status) {
    return status == 429 || status >= 500 || status == 0;
  }

  /** Requests retried so far. */
  public long retried() {
    return retried.get();
  }

  /**
   * Sends until the answer is not {@link #retryable} or the retries are spent; returns the last
   * answer. {@code request} names the request in the log: method and path only.
   */
  public <R, E extends Exception> R send(
      String request,
      Exchange<R, E> exchange,
      ToIntFunction<R> status,
      Function<R, Optional<String>> retryAfter)
      throws E, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      R answer = exchange.send();
      int code = status.applyAsInt(answer);
      if (!retryable(code) || attempt >= retries) {
        return answer;
      }
      Duration wait = waitFor(attempt, retryAfter.apply(answer).orElse(null));
      retried.incrementAndGet();
      LOG.info(
          "{} answered {}; retry {} of {} in {} ms",
          request,
          code == 0 ? "nothing" : code,
          attempt + 1,
          retries,
          wait.toMillis());
      Thread.sleep(wait.toMillis());
    }
  }

  Duration waitFor(int attempt, @Nullable String retryAfter) {
    Duration wait = backoff.multipliedBy(1L << Math.min(attempt, 10));
    if (retryAfter != null) {
      try {
        wait = Duration.ofMillis((long) (Double.parseDouble(retryAfter.trim()) * 1000));
      } catch (NumberFormatException e) {
        // an HTTP date: keep the backoff
      }
    }
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
