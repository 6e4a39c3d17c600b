package io.intelligencesuite.sources.common;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class HttpRetryTest {
  private final HttpRetry retry = new HttpRetry(2, Duration.ofMillis(1), Duration.ofMillis(50));

  @Test
  public void retriesRateLimitsServerErrorsAndNoAnswerButNotClientErrors() throws Exception {
    assertEquals(200, send(429, 503, 200));
    assertEquals(2, retry.retried());
    assertEquals(400, send(0, 400, 200));
    assertEquals("the last answer once the retries are spent", 502, send(500, 500, 502, 200));
  }

  @Test
  public void waitsWhatRetryAfterAsksCappedElseBacksOffExponentially() {
    assertEquals(Duration.ofMillis(1), retry.waitFor(0, null));
    assertEquals(Duration.ofMillis(8), retry.waitFor(3, "a date, not seconds"));
    assertEquals(Duration.ofMillis(20), retry.waitFor(0, "0.02"));
    assertEquals(Duration.ofMillis(50), retry.waitFor(0, "120"));
  }

  private int send(Integer... statuses) throws Exception {
    Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
    return retry.send("GET /test", answers::pop, s -> s, s -> Optional.empty());
  }
}
