package io.intelligencesuite.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Generates the demo company once per seed per test JVM (generation takes seconds; every test
 * class reads the same output). Output goes under java.io.tmpdir, which Surefire points at
 * target/tmp.
 */
final class DemoFixture {
  static final long SEED = 42;
  private static final Map<Long, Path> DIRS = new HashMap<>();
  private static final Map<Long, GenerationSummary> SUMMARIES = new HashMap<>();

  static {
    // Each generation is ~450 MB (mostly GA4 rows): do not let test runs pile them up.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> DIRS.values().forEach(DemoFixture::deleteQuietly)));
  }

  private DemoFixture() {}

  static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: it is under target/
    }
  }

  static synchronized Path dir(long seed) {
    return DIRS.computeIfAbsent(seed, s -> {
      try {
        Path dir = Files.createTempDirectory("demo-company-" + s + "-");
        SUMMARIES.put(s, DemoCompany.generate(dir, s, 1));
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static synchronized GenerationSummary summary(long seed) {
    dir(seed);
    return SUMMARIES.get(seed);
  }
}
