package io.intelligencesuite.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one check for files that are generated but checked in (the dictionaries, the template
 * metadata, the data-test SQL snapshot): each must equal what the code renders now, so a change
 * shows up in review. With {@code -Dsuite.regenerate=true} the files are rewritten first.
 */
public final class CheckedInFiles {
  private CheckedInFiles() {}

  /**
   * Asserts every file ({@link RepoRoot}-relative path -> expected content) is present and current;
   * {@code regenerate} is the command that rewrites them, named in the failure.
   */
  public static void assertCurrent(Map<String, String> expected, String regenerate) {
    Path root = RepoRoot.get();
    if (Boolean.getBoolean("suite.regenerate")) {
      expected.forEach((path, content) -> write(root.resolve(path), content));
    }
    String fix = "; regenerate with `" + regenerate + "` and review the diff";
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path file = root.resolve(e.getKey());
      assertTrue(file + " is missing" + fix, Files.exists(file));
      assertEquals(file + " is stale" + fix, e.getValue(), read(file));
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot regenerate " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
