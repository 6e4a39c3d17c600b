package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.local.cli.BenchReport.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BenchReportTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static Sample run(int scale, String runner, String pipeline, double seconds, long rows) {
    return new Sample(scale, runner, pipeline, seconds, rows, rows, 100, 200, "DONE");
  }

  @Test
  public void medianOfOddAndEvenCounts() {
    assertEquals(3.0, BenchReport.median(List.of(5.0, 1.0, 3.0)), 0);
    assertEquals(2.5, BenchReport.median(List.of(4.0, 1.0, 3.0, 2.0)), 0);
    assertEquals(Double.NaN, BenchReport.median(List.of()), 0);
  }

  @Test
  public void reportsMediansRatiosAndGoalsFromTheFinishedRunsOnly() throws Exception {
    BenchReport report = new BenchReport("Machine: test");
    // GA4: 200k rows at scale 1 in 2, 4 and 3 s (median 3); 2M rows at scale 10 in 25, 20, 30 s
    // (median 25).
    for (double s : new double[] {2, 4, 3}) {
      report.add(run(1, BenchReport.FLINK, "ga4", s, 200_000));
    }
    for (double s : new double[] {25, 20, 30}) {
      report.add(run(10, BenchReport.FLINK, "ga4", s, 2_000_000));
    }
    report.add(run(10, BenchReport.BASELINE, "ga4", 10, 2_000_000));
    report.add(run(1, BenchReport.FLINK, "marts", 10, 1000));
    report.add(run(10, BenchReport.FLINK, "marts", 70, 10_000));
    report.add(run(10, BenchReport.FLINK, "identity", 12, 2_000));
    report.add(run(1, BenchReport.FLINK, BenchReport.DEMO, 55, -1));
    // A DirectRunner run stopped at its limit counts in "runs" but not in the median.
    report.add(new Sample(1, BenchReport.DIRECT, "marts", 120, -1, -1, 1, 2, "TIMED_OUT"));
    report.add(run(1, BenchReport.DIRECT, "ga4", 9, 200_000));
    report.parity(1, "events_web", true);
    report.parity(1, "users", false);

    String md = report.markdown(Map.of(BenchReport.key(10, BenchReport.FLINK, "ga4"), 50.0));
    assertThat(
        md,
        containsString(
            "| 1 | flink | ga4 | 3 | 200,000 | 3.0 | 2.0-4.0 | 66,667 | 100 | 200 | - |"));
    assertThat(
        md,
        containsString(
            "| 10 | flink | ga4 | 3 | 2,000,000 | 25.0 | 20.0-30.0 | 80,000 | 100 | 200 | 0.50x |"));
    assertThat(
        md,
        containsString(
            "| 1 | direct | marts | 0 (timed out after 120 s) | - | - | - | - | - | - | - |"));
    assertThat(md, containsString("| ga4 | 10.00 | 8.33 |"));
    assertThat(md, containsString("| marts | 10.00 | 7.00 |"));
    assertThat(
        md,
        containsString(
            "| GA4 >= 100,000 events/s at >= 1M events | 80,000 events/s at 2,000,000 events (scale 10) | **no** |"));
    assertThat(
        md,
        containsString(
            "| GA4 within 5x of the plain-Java baseline | 2.50x (25.0 s against 10.0 s) | yes |"));
    assertThat(
        md,
        containsString(
            "| `./suite demo` at scale 1 under 60 s | 55.0 s (data already generated) | yes |"));
    // The marts' goal sums both jobs at scale 10: 70 + 12 = 82 s.
    assertThat(
        md,
        containsString(
            "| marts (identity + marts jobs) at scale 10 under 60 s | 82.0 s | **no** |"));
    assertThat(
        md,
        containsString(
            "| scale 10 / scale 1 <= 11 for every pipeline | largest: ga4 8.33 | yes |"));
    assertThat(
        md,
        containsString(
            "- scale 1: 1 of 2 tables identical (checksum of every row and column); differ: [users]"));
    assertThat(md, not(containsString("NaN")));
  }

  @Test
  public void baselineRoundTripsThroughItsTsvFile() throws Exception {
    BenchReport report = new BenchReport("Machine: test");
    report.add(run(1, BenchReport.FLINK, "ga4", 2, 10));
    report.add(run(1, BenchReport.FLINK, "ga4", 6, 10));
    Path file = tmp.getRoot().toPath().resolve("baseline.tsv");
    Files.writeString(file, report.baselineTsv());
    assertEquals(
        Map.of(BenchReport.key(1, BenchReport.FLINK, "ga4"), 4.0), BenchReport.readBaseline(file));
    assertEquals(Map.of(), BenchReport.readBaseline(tmp.getRoot().toPath().resolve("missing.tsv")));
  }
}
