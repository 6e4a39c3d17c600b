package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.enrichment.EnrichmentOptions;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/**
 * The enrichment pipeline over corpus/enrichment (SwanAI NDJSON, G2 CSV; README.md there) plus
 * generated records (a 10 MB company name, bytes that are not UTF-8), on the DirectRunner.
 */
public class EnrichmentCorpusTest extends CorpusPipelineTest {
  public EnrichmentCorpusTest() {
    // swanai_bad.ndjson + g2_bad.csv + the generated bad lines
    super("enrichment", 15 + 8 + 2, Tables.VISITOR_ENRICHMENT);
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    Path dir = TMP.newFolder(runId).toPath();
    Files.copy(corpus("enrichment/swanai_good.ndjson"), dir.resolve("swanai_good.ndjson"));
    Files.copy(corpus("enrichment/g2_good.csv"), dir.resolve("g2_good.csv"));
    Files.write(dir.resolve("swanai_latin1.ndjson"), latin1Record());
    if (withBad) {
      Files.copy(corpus("enrichment/swanai_bad.ndjson"), dir.resolve("swanai_bad.ndjson"));
      Files.copy(corpus("enrichment/g2_bad.csv"), dir.resolve("g2_bad.csv"));
      Files.write(dir.resolve("swanai_generated.ndjson"), generatedBadLines());
    }
    EnrichmentOptions options =
        CorpusRuns.options(
            EnrichmentOptions.class,
            "DirectRunner",
            runId,
            warehouse,
            "--enrichmentFiles=swanai=" + dir + "/swanai_*.ndjson,g2=" + dir + "/g2_*.csv");
    CorpusRuns.assertDone(EnrichmentPipeline.run(options));
  }

  private static String visit(String id, String companyName) {
    return "{\"visit_id\":\""
        + id
        + "\",\"observed_at\":\"2026-10-01T10:00:00Z\",\"company_domain\":\"x.example\","
        + "\"company_name\":\""
        + companyName
        + "\",\"confidence\":0.5}";
  }

  /**
   * A record whose company name was written in Latin-1 ("Ã©cole" bytes 0xE9 inside a string): the
   * reader decodes it as UTF-8 with U+FFFD in place of the bad byte and the record is kept, which
   * is what any UTF-8 reader does; the JSON around it is intact. A good record, in both runs.
   */
  static byte[] latin1Record() {
    byte[] line = (visit("sv_latin1", "?cole Latin") + "\n").getBytes(StandardCharsets.UTF_8);
    line[new String(line, StandardCharsets.UTF_8).indexOf("?cole")] = (byte) 0xE9;
    return line;
  }

  /** A 10 MB company name, and a record cut by a byte that is not UTF-8. */
  static byte[] generatedBadLines() {
    return CorpusRuns.bigAndBrokenUtf8Lines(
        visit("sv_big", "x".repeat(10 << 20)), visit("sv_utf8", "broken"), "observed_at");
  }

  @Test
  public void hostileButValidTextIsStoredVerbatim() throws Exception {
    assertStoredOnce(
        "visitor_enrichment", "company_name", "Robert'); DROP TABLE visitor_enrichment;--");
    assertStoredOnce("visitor_enrichment", "company_name", "École Ünïcödé 🎓 مدرسة 学校 \u200d");
    assertStoredOnce("visitor_enrichment", "company_name", "Ashford, \"Primary\" School");
    DuckDbQueries q = mixed();
    assertEquals(
        "\uFFFDcole Latin",
        q.value("select company_name from visitor_enrichment where signal_id = 'sv_latin1'"));
    assertEquals(
        "the forged g2 record inside a swanai line is not loaded",
        0L,
        q.value(
            "select count(*) from visitor_enrichment where signal_id = 'g2_forged' or provider <> 'swanai' and company_domain = 'forged.example'"));
  }
}
