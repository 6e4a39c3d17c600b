package io.intelligencesuite.local.fakeapi;

import io.intelligencesuite.local.demo.DemoCompany;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The demo company (seed 42, scale 1), generated once per test JVM under java.io.tmpdir (target/tmp). */
public final class DemoData {
  private static Path dir;

  private DemoData() {}

  public static synchronized Path dir() {
    if (dir == null) {
      try {
        Path d = Files.createTempDirectory("sources-demo-");
        DemoCompany.generate(d, 42, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static void delete(Path d) {
    try (var walk = Files.walk(d)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort, under target/
    }
  }
}
