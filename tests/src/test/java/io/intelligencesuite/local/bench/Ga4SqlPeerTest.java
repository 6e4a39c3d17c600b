package io.intelligencesuite.local.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.sources.ga4.Ga4Options;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.ga4.Ga4PipelineTest;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;

/**
 * The DuckDB SQL peer does the GA4 pipeline's work: the same events_web, row for row, event_id
 * included; and the comparison the bench reports sees a difference when there is one.
 */
public class Ga4SqlPeerTest {
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private Warehouse warehouse(String name) {
    return Warehouse.parse("duckdb:" + warehouses.path(name));
  }

  @Test
  public void writesTheSameEventsWebAsThePipeline() throws Exception {
    // The pipeline test's lines: 5 distinct events, one exact duplicate, 4 bad lines (truncated
    // JSON, no event_timestamp, stream_id an object, event_date 'someday' with a 1 MiB param).
    // One file holds INT64 as strings, the other as numbers (the demo's two styles).
    List<String> lines = Ga4PipelineTest.lines();
    Path dir = Files.createDirectories(warehouses.root().resolve("ga4"));
    Files.write(dir.resolve("events_20260105.ndjson"), lines.subList(0, 5), StandardCharsets.UTF_8);
    List<String> numbers = new ArrayList<>();
    for (String line : lines.subList(5, lines.size())) {
      // "event_timestamp":"1767657700000000" -> "event_timestamp":1767657700000000
      numbers.add(
          line.replaceAll("\"(event_timestamp|int_value|stream_id)\":\"([0-9]+)\"", "\"$1\":$2"));
    }
    Files.write(dir.resolve("events_20260106.ndjson"), numbers, StandardCharsets.UTF_8);
    String glob = dir + "/events_*.ndjson";

    Warehouse pipeline = warehouse("pipeline.duckdb");
    Ga4Options options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner", "--ga4ExportFiles=" + glob, "--warehouse=" + pipeline)
            .withValidation()
            .as(Ga4Options.class);
    assertEquals(PipelineResult.State.DONE, Ga4Pipeline.run(options).waitUntilFinish());

    Warehouse peer = warehouse("peer.duckdb");
    Ga4SqlPeer.Result result = Ga4SqlPeer.run(glob, peer);
    // 10 lines - 4 bad - 1 duplicate = 5 events
    assertEquals(5L, result.rowsWritten());

    Ga4SqlPeer.Parity parity = Ga4SqlPeer.compare(peer, pipeline);
    assertEquals(new Ga4SqlPeer.Parity(0, 0, 5, 5), parity);
    assertTrue(parity.same());

    // One changed value: one row only in each table.
    new DuckDbQueries(peer)
        .execute("UPDATE events_web SET country = 'Atlantis' WHERE user_pseudo_id = 'v3.3'");
    Ga4SqlPeer.Parity changed = Ga4SqlPeer.compare(peer, pipeline);
    assertEquals(new Ga4SqlPeer.Parity(1, 1, 5, 5), changed);
    assertFalse(changed.same());
  }

  @Test
  public void refusesAWarehouseThatAlreadyHasEventsWeb() throws Exception {
    Warehouse peer = warehouse("used.duckdb");
    new DuckDbQueries(peer).execute("CREATE TABLE events_web (event_id VARCHAR)");
    IllegalArgumentException e =
        org.junit.Assert.assertThrows(
            IllegalArgumentException.class, () -> Ga4SqlPeer.run("/nowhere/*.ndjson", peer));
    assertTrue(e.getMessage(), e.getMessage().contains("already has events_web"));
  }
}
