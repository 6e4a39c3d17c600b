package io.intelligencesuite.reporting.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.testing.Skips;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The dashboard in a real headless browser (Debian's chromium; .ci/run installs it): every section
 * renders with the expected number of chart elements, the browser logs no console message, and a
 * screenshot lands in target/dashboard-screenshot.png. Skipped where no chromium is installed. Runs
 * on its own: mvn -o -pl pipelines -am test -Dtest=DashboardBrowserTest
 * -Dsurefire.failIfNoSpecifiedTests=false
 */
public class DashboardBrowserTest {
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  static String chromium() {
    for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir :
          System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, c))) {
          return Path.of(dir, c).toString();
        }
      }
    }
    return null;
  }

  @Test
  public void everySectionRendersInChromiumWithoutConsoleMessages() throws Exception {
    String browser = chromium();
    if (browser == null) {
      browser = Skips.assumeTool("chromium", "apt-get install chromium").toString();
    }
    Path dir = Files.createDirectories(TARGET.resolve("dashboard-browser"));
    String db = dir.resolve("fixture.duckdb").toString();
    Files.deleteIfExists(Path.of(db));
    Path page = dir.resolve("dashboard.html");
    try {
      DashboardFixture.fill(new DuckDbQueries(Warehouse.parse("duckdb:" + db)));
      Dashboard.write(
          WarehouseMartReader.of(Warehouse.parse("duckdb:" + db)),
          page,
          Instant.parse("2026-04-02T08:00:00Z"));
    } finally {
      DuckDbConnections.close(db);
    }
    String url = page.toUri().toString();
    Path shot = TARGET.resolve("dashboard-screenshot.png");
    Files.deleteIfExists(shot);
    Run screenshot = chromium(browser, dir, "--window-size=1280,5200", "--screenshot=" + shot, url);
    Run dom = chromium(browser, dir, "--dump-dom", url);

    assertTrue("no screenshot; chromium said:\n" + screenshot.stderr, Files.size(shot) > 10_000);
    List<String> console = new ArrayList<>();
    for (String line : (screenshot.stderr + dom.stderr).split("\n")) {
      if (line.contains(":CONSOLE")
          || line.contains("Uncaught")
          || line.contains("Failed to load resource")) {
        console.add(line);
      }
    }
    assertEquals("console messages: " + console, List.of(), console);

    // What the browser built, per section: the fixture's charts and tables (see DashboardFixture).
    Map<String, Map<String, Integer>> expected =
        Map.of(
            "health", Map.of("<svg", 5, "class=\"kpi\"", 5),
            "movements", Map.of("<svg", 1, "<rect class=\"bar\"", 4, "class=\"net-point\"", 1),
            "signals", Map.of("<svg", 1, "class=\"xmr-point\"", 8, "class=\"xmr-point signal\"", 1),
            "funnel",
                Map.of("<svg", 2, "<rect class=\"bar\"", 5, "class=\"line-point\"", 2, "<table", 1),
            "retention", Map.of("<table", 2, "class=\"cell\"", 4),
            "adoption", Map.of("<svg", 2, "class=\"line-point\"", 2),
            "marketing", Map.of("<table", 2), // channels, and sessions (sessions_web)
            "visitors", Map.of("<table", 1),
            "discrepancies", Map.of("<table", 1));
    for (Map.Entry<String, Map<String, Integer>> section : expected.entrySet()) {
      String html = section(dom.stdout, section.getKey());
      assertTrue(
          "section " + section.getKey() + " shows a missing-table note",
          !html.contains("class=\"missing\""));
      for (Map.Entry<String, Integer> element : section.getValue().entrySet()) {
        assertEquals(
            section.getKey() + ": " + element.getKey(),
            (int) element.getValue(),
            DashboardFixture.count(html, element.getKey()));
      }
    }
  }

  record Run(String stdout, String stderr) {}

  private static Run chromium(String browser, Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + dir.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Path err = dir.resolve("chromium.err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    return new Run(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String section(String dom, String id) {
    Matcher m =
        Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(dom);
    assertTrue("the browser's DOM has no section " + id, m.find());
    return m.group(1);
  }
}
