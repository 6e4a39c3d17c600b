package io.intelligencesuite.sources.enrichment;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The enrichment CSV path as production runs it (file -> {@code ReadRecords} -> the provider's
 * parser): a quoted cell may hold a line break, and a row with an unclosed quote is dead-lettered
 * on its own, the rows after it still read.
 */
public class EnrichmentCsvTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final String HEADER =
      "signal_id,date,domain,company_name,intent_topic,signal_type,score\r\n";

  @Test
  public void quotedLineBreakStaysInItsCell() throws Exception {
    assertReads(
        HEADER
            + "g2_1,2026-10-01,a.example,\"Ashford\r\nPrimary, \"\"Upper\"\" School\",Topic,pricing_page,80\r\n"
            + "\r\n"
            + "g2_2,2026-10-02,b.example,Kingsway,Topic,category,70\r\n",
        List.of("Ashford\r\nPrimary, \"Upper\" School", "Kingsway"),
        List.of());
  }

  @Test
  public void unclosedQuoteDeadLettersOnlyItsRow() throws Exception {
    assertReads(
        HEADER
            + "g2_1,2026-10-01,a.example,\"Unterminated,Topic,pricing_page,50\n"
            + "g2_2,2026-10-02,b.example,Kingsway,Topic,category,70\n"
            + "g2_3,2026-10-03\n",
        List.of("Kingsway"),
        List.of("intent_topic", "domain"));
  }

  /** The company names loaded and the fields named by the dead letters, whatever their order. */
  private void assertReads(String csv, List<String> names, List<String> deadLetterFields)
      throws Exception {
    PCollectionTuple parsed = parse(csv);
    PAssert.that(
            parsed
                .get(ParseWithDeadLetters.PARSED)
                .apply(
                    "Names",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.getString("company_name"))))
        .containsInAnyOrder(names);
    PAssert.that(
            parsed
                .get(ParseWithDeadLetters.DEAD_LETTERS)
                .apply(
                    "Fields",
                    MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("field"))))
        .containsInAnyOrder(deadLetterFields);
    pipeline.run().waitUntilFinish();
  }

  private PCollectionTuple parse(String csv) throws Exception {
    Path file = tmp.getRoot().toPath().resolve("g2_intent.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    RunContext run =
        RunContext.start(
            EnrichmentPipeline.NAME,
            PipelineOptionsFactory.fromArgs("--warehouse=duckdb:" + tmp.getRoot() + "/w.duckdb")
                .as(EnrichmentOptions.class),
            null);
    return pipeline
        .apply(FileIO.match().filepattern(file.toString()))
        .apply(FileIO.readMatches())
        .apply(ParDo.of(new EnrichmentPipeline.ReadRecords("g2")))
        .apply(
            ParseWithDeadLetters.ofLines(
                Tables.VISITOR_ENRICHMENT, EnrichmentProviders::parse, run));
  }
}
