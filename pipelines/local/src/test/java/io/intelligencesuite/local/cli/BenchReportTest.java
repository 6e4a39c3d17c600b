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

  @Test
  public void ga4AgainstTheSqlPeerGivesRatiosGoalsParityAndCpuPerEvent() {
    BenchReport report = new BenchReport("Machine: test");
    // Scale 1: pipeline 30, 20, 40 s (median 30) against SQL 10, 12, 14 s (median 12): 2.50x > 2x.
    // Scale 10: pipeline 60 s against SQL 50 s: 1.20x <= 1.5x.
    double[][] scale1 = {{30, 10}, {20, 12}, {40, 14}};
    for (double[] rep : scale1) {
      report.add(run(1, BenchReport.SUITE_RUN, "ga4", rep[0], 200_000));
      report.add(run(1, BenchReport.SQL_PEER, "ga4", rep[1], -1));
    }
    report.add(run(10, BenchReport.SUITE_RUN, "ga4", 60, 2_000_000));
    report.add(run(10, BenchReport.SQL_PEER, "ga4", 50, -1));
    // CPU: 50 s at 200k events, 410 s at 2M: (410 - 50) / 1.8M = 200 µs per event, fixed part
    // 50 - 0.2M x 200 µs = 10 s.
    report.cpu(1, BenchReport.SUITE_RUN, 50);
    report.cpu(1, BenchReport.SQL_PEER, 6);
    report.cpu(10, BenchReport.SUITE_RUN, 410);
    report.cpu(10, BenchReport.SQL_PEER, 40);
    report.peerParity(1, new io.intelligencesuite.local.bench.Ga4SqlPeer.Parity(0, 0, 5, 5));
    report.peerParity(10, new io.intelligencesuite.local.bench.Ga4SqlPeer.Parity(2, 1, 7, 6));

    String md = report.markdown(Map.of());
    assertThat(
        md, containsString("| 1 | 30.0 | 12.0 | 2.50x | 2.0x | **no** | 50.0 / 6.0 | identical: "));
    assertThat(
        md,
        containsString("| 10 | 60.0 | 50.0 | 1.20x | 1.5x | yes | 410.0 / 40.0 | **differ**: "));
    assertThat(md, containsString("2 only in the SQL table, 1 only in the pipeline's"));
    assertThat(
        md,
        containsString("= 200.0 µs (200 CPU s per million events); fixed part about 10.0 CPU s."));
    // Only the GA4 comparison ran: no empty table of the other goals.
    assertThat(md, not(containsString("## Goals (issue 10)")));
  }
}
