package io.intelligencesuite.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a suite command in-process and returns what it printed (for end-to-end tests). */
public final class SuiteForTests {
  private SuiteForTests() {}

  public static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      int code = new Suite(out).execute(args);
      if (code != 0) {
        throw new AssertionError(
            "suite " + String.join(" ", args) + " exited " + code + ":\n" + bytes);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
