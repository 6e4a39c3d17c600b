package io.intelligencesuite.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.junit.Assume;

/**
 * The one way a test of this project skips. Every skip is appended, with its reason, to the file
 * the build names in {@code suite.skipped.log} (target/skipped-tests.txt), which the build prints
 * at the end of each module, so a skip is never silent. A test that needs a command-line tool asks
 * {@link #assumeTool}: when the tool is one that CI installs (listed in the {@code SUITE_CI_TOOLS}
 * environment variable, which {@code .ci/run} sets), a missing tool fails the test instead.
 */
public final class Skips {
  /** Environment variable naming the tools CI installs, separated by spaces. */
  public static final String CI_TOOLS = "SUITE_CI_TOOLS";

  private Skips() {}

  /** Skips the calling test, with {@code reason} recorded, unless {@code condition} holds. */
  public static void assume(String reason, boolean condition) {
    if (!condition) {
      record(reason);
    }
    Assume.assumeTrue(reason, condition);
  }

  /**
   * The path of {@code command} on the PATH. Without it the test skips (recorded), or fails when CI
   * promised the tool.
   */
  public static Path assumeTool(String command, String installHint) {
    Optional<Path> found = onPath(command);
    if (found.isEmpty()
        && Arrays.asList(System.getenv().getOrDefault(CI_TOOLS, "").split("\\s+"))
            .contains(command)) {
      throw new AssertionError(
          command
              + " is not on the PATH, but "
              + CI_TOOLS
              + " says CI installed it: "
              + "the test must run, not skip ("
              + installHint
              + ")");
    }
    assume(command + " is not installed (" + installHint + ")", found.isPresent());
    return found.orElseThrow();
  }

  /** The first executable called {@code command} on the PATH. */
  public static Optional<Path> onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static void record(String reason) {
    StackTraceElement test = caller();
    String line =
        "SKIPPED "
            + test.getClassName()
            + "."
            + test.getMethodName()
            + ": "
            + reason
            + System.lineSeparator();
    String log = System.getProperty("suite.skipped.log");
    if (log == null) {
      return;
    }
    try {
      Files.writeString(
          Path.of(log),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a skipped test in " + log, e);
    }
  }

  /** The first frame outside this class: the test (or its helper) that skipped. */
  private static StackTraceElement caller() {
    return Arrays.stream(new Throwable().getStackTrace())
        .filter(f -> !f.getClassName().equals(Skips.class.getName()))
        .findFirst()
        .orElseThrow();
  }
}
