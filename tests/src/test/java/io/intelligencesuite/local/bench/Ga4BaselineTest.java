package io.intelligencesuite.local.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4Options;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.ga4.Ga4PipelineTest;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The plain-Java baseline does the pipeline's work: same events_web rows, same accounting. */
public class Ga4BaselineTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private final List<String> warehouses = new ArrayList<>();

  @After
  public void close() {
    warehouses.forEach(DuckDbConnections::close);
  }

  private Warehouse warehouse(String name) {
    String path = tmp.getRoot().toPath().resolve(name).toString();
    warehouses.add(path);
    return Warehouse.parse("duckdb:" + path);
  }

  @Test
  public void writesTheSameEventsWebAsThePipeline() throws Exception {
    // The pipeline test's input (5 events, one exact duplicate, 4 bad lines) over two files, plus
    // two
    // versions of one event that differ only in country: same event_id and event_ts, so the
    // dedupe tie-break decides which survives, and both must pick the same one.
    List<String> lines = new ArrayList<>(Ga4PipelineTest.lines());
    String tie =
        Ga4PipelineTest.event(
            "20260106", 1767657800000000L, "scroll", "v7.7", 1767657800, "https://dreamclass.io/");
    Path dir = tmp.newFolder("ga4").toPath();
    Files.write(dir.resolve("events_20260105.ndjson"), lines.subList(0, 5), StandardCharsets.UTF_8);
    Files.write(
        dir.resolve("events_20260106.ndjson"),
        List.of(
            lines.get(5),
            lines.get(6),
            lines.get(7),
            lines.get(8),
            lines.get(9),
            tie.replace("Greece", "Cyprus"),
            tie),
        StandardCharsets.UTF_8);
    String glob = dir + "/events_*.ndjson";

    Warehouse pipelineWarehouse = warehouse("pipeline.duckdb");
    Ga4Options options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--ga4ExportFiles=" + glob,
                "--warehouse=" + pipelineWarehouse)
            .withValidation()
            .as(Ga4Options.class);
    assertEquals(PipelineResult.State.DONE, Ga4Pipeline.run(options).waitUntilFinish());
    DuckDbQueries pipeline = new DuckDbQueries(pipelineWarehouse);

    Warehouse baselineWarehouse = warehouse("baseline.duckdb");
    Ga4Baseline.Result result = Ga4Baseline.run(glob, baselineWarehouse);
    DuckDbQueries baseline = new DuckDbQueries(baselineWarehouse);

    assertEquals(12L, result.rowsRead());
    assertEquals(6L, result.rowsWritten());
    assertEquals(2L, result.duplicates());
    assertEquals(4L, result.deadLettered());
    assertEquals(
        List.of(List.of(12L, 6L, 2L, 4L)),
        pipeline.rows(
            "select rows_read, rows_written, duplicates_removed, rows_dead_lettered from pipeline_runs"));
    String checksum = pipeline.checksum(Tables.EVENTS_WEB);
    assertNotEquals("0:", checksum.substring(0, 2));
    assertEquals(checksum, baseline.checksum(Tables.EVENTS_WEB));
    // Which version won the tie is the same row in both (the checksum says so); name it, so a
    // change to the rule shows here: RowCoder bytes compare "Greece" above "Cyprus".
    assertEquals(
        "Greece", baseline.value("select country from events_web where user_pseudo_id = 'v7.7'"));
  }
}
