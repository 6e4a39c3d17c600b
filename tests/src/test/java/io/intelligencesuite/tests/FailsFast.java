package io.intelligencesuite.tests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.function.ThrowingRunnable;

/** Checks for a source that must refuse to start (bad credentials, a database that is down). */
public final class FailsFast {
  private FailsFast() {}

  /** A local port nothing listens on (it was free a moment ago). */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs {@code launch}, which must refuse with an {@link IllegalArgumentException} within 30 s and
   * leave no warehouse file at {@code warehouse}; returns the refusal's message.
   */
  public static String refusal(String warehouse, ThrowingRunnable launch) {
    long started = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, launch);
    assertThat((System.nanoTime() - started) / 1e9, lessThan(30.0));
    assertFalse(Files.exists(Path.of(warehouse)));
    return e.getMessage();
  }

  /**
   * Launches a source against a database port nothing listens on: it must refuse fast, writing
   * nothing, with a message naming {@code host}:port and telling to check {@code urlOption}.
   */
  public static void assertDownDatabaseRefused(
      String warehouse, IntFunction<ThrowingRunnable> launchOnPort, String host, String urlOption)
      throws IOException {
    int closedPort = closedPort();
    String message = refusal(warehouse, launchOnPort.apply(closedPort));
    assertThat(message, containsString(host + ":" + closedPort));
    assertThat(message, containsString("check " + urlOption));
  }

  /**
   * The exception of {@code type} behind a failed run: an API source fails inside the pipeline, and
   * the runner wraps what the DoFn threw (DirectRunner: PipelineExecutionException; Flink: its job
   * failure).
   */
  public static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " behind " + failure, failure);
  }

  /** Every message of the failure's cause chain, one per line (to check none holds a secret). */
  public static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }
}
