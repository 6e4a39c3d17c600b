package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4Options;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/**
 * The GA4 pipeline over corpus/ga4 (README.md there) plus two generated lines (a 10 MB string, a
 * line broken by a byte that is not UTF-8), on the DirectRunner with tiny inputs.
 */
public class Ga4CorpusTest extends CorpusPipelineTest {
  public Ga4CorpusTest() {
    super("ga4", 18 + 2, Tables.EVENTS_WEB); // bad.ndjson + the generated lines
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    runCorpus(withBad, TMP.newFolder(runId).toPath(), warehouse, runId);
  }

  /**
   * Runs the GA4 pipeline into {@code warehouse} over the corpus's good events ({@code withBad}:
   * and its bad and generated lines), copied to the empty folder {@code dir}.
   */
  static void runCorpus(boolean withBad, Path dir, Path warehouse, String runId) throws Exception {
    Files.copy(corpus("ga4/good.ndjson"), dir.resolve("events_good.ndjson"));
    if (withBad) {
      Files.copy(corpus("ga4/bad.ndjson"), dir.resolve("events_bad.ndjson"));
      Files.write(dir.resolve("events_generated.ndjson"), generatedBadLines());
    }
    Ga4Options options =
        CorpusRuns.options(
            Ga4Options.class,
            "DirectRunner",
            runId,
            warehouse,
            "--ga4ExportFiles=" + dir + "/events_*.ndjson");
    CorpusRuns.assertDone(Ga4Pipeline.run(options));
  }

  /** A 10 MB page_location, and a line cut by a byte that is not UTF-8. */
  static byte[] generatedBadLines() throws Exception {
    String template = Files.readAllLines(corpus("ga4/good.ndjson"), StandardCharsets.UTF_8).get(0);
    return CorpusRuns.bigAndBrokenUtf8Lines(
        template
            .replace("g1.1", "big.1")
            .replace(
                "https://classharbor.example/",
                "https://classharbor.example/" + "x".repeat(10 << 20)),
        template.replace("g1.1", "utf8.1"),
        "event_name");
  }

  @Test
  public void hostileButValidTextIsStoredVerbatim() throws Exception {
    assertStoredOnce("events_web", "page_title", "Robert'); DROP TABLE events_web;--");
    assertStoredOnce("events_web", "page_title", "Ünïcödé 🎓 مدرسة 学校 e\u0301 \u200d\u200b");
    assertEquals(
        1L,
        mixed()
            .value(
                "select count(*) from dead_letters where run_id = 'ga4-mixed-1' and payload_bytes > 10485760"));
  }
}
