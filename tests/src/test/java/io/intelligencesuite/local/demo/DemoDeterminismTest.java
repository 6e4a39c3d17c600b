package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/** Same seed, same bytes; another seed, other data. */
public class DemoDeterminismTest {

  @Test
  public void sameSeedGivesIdenticalBytesInEveryFile() throws IOException {
    Path first = DemoFixture.dir();
    Path second = Files.createTempDirectory("demo-company-again-");
    DemoCompany.generate(
        second, DemoFixture.SEED, DemoFixture.SCALE); // the determinism check's own copy
    List<String> a = files(first);
    List<String> b = files(second);
    assertEquals("same file list", a, b);
    assertTrue("the generator writes many files", a.size() > 700);
    try {
      for (String f : a) {
        assertEquals(
            "bytes differ in " + f, -1L, Files.mismatch(first.resolve(f), second.resolve(f)));
      }
    } finally {
      DemoFixture.deleteQuietly(second);
    }
  }

  @Test
  public void differentSeedGivesDifferentData() throws IOException {
    Path a = DemoFixture.dir();
    // The one other generation this module makes on purpose: another seed must give other data.
    Path b = Files.createTempDirectory("demo-company-other-seed-");
    DemoCompany.generate(b, DemoFixture.SEED + 1, DemoFixture.SCALE);
    try {
      for (String f :
          new String[] {
            "stripe/customers.json",
            "backend/accounts.csv",
            "ga4/events_20260115.ndjson",
            "truth/monthly.json"
          }) {
        assertNotEquals(
            "expected " + f + " to differ between seeds",
            -1L,
            Files.mismatch(a.resolve(f), b.resolve(f)));
      }
    } finally {
      DemoFixture.deleteQuietly(b);
    }
  }

  @Test
  public void summaryAndManifestAgreeWithTheFiles() throws IOException {
    GenerationSummary s = DemoFixture.summary();
    Path dir = DemoFixture.dir();
    String manifest = Files.readString(dir.resolve("MANIFEST.json"));
    assertTrue(manifest.contains("\"as_of\": \"2026-11-01\""));
    assertTrue(manifest.contains("\"seed\": 42"));
    long csvRows;
    try (Stream<String> lines = Files.lines(dir.resolve("backend/accounts.csv"))) {
      csvRows = lines.count() - 1;
    }
    assertEquals(csvRows, (long) s.rowsByFile().get("backend/accounts.csv"));
    assertTrue(
        "about 300 schools at scale 1, got " + s.schools(), s.schools() > 220 && s.schools() < 400);
    assertTrue(
        "roughly 200k web events at scale 1, got " + s.webEvents(),
        s.webEvents() > 150_000 && s.webEvents() < 260_000);
    assertTrue(s.toString().contains("paying customers at end"));
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
