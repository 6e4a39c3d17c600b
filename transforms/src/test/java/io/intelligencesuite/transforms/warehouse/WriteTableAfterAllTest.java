package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link WriteTable#afterAll}: a table is not replaced before the signal is complete, so a read
 * that fails after this table's rows are ready fails the run with the table as it was. The failing
 * "read" waits (up to 5 s) for the table to change before it fails: without the gate the swap
 * happens in that time and the test sees the new row; with it the swap waits for the read and never
 * comes.
 */
public class WriteTableAfterAllTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  @Test
  public void aReadThatFailsAfterTheRowsAreReadyReplacesNothing() throws Exception {
    Warehouse warehouse = duck.warehouse();
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    DuckDbQueries q = duck.queries();
    runOnDirect(
        p ->
            p.apply(
                    "Old",
                    Create.of(List.of(event(t, "old", "2026-01-01", 1))).withRowSchema(t.schema()))
                .apply(WriteTable.to(t, warehouse)));
    String before = q.checksum(t);

    Exception failed =
        assertThrows(
            Exception.class,
            () ->
                runOnDirect(
                    p -> {
                      PCollection<Integer> otherRead =
                          p.apply("Other read", Create.of(1))
                              .apply(
                                  "Fails once the table changed, or after 5 s",
                                  ParDo.of(failWhenChanged(duck.path(), t.name())));
                      p.apply(
                              "New",
                              Create.of(List.<Row>of(event(t, "new", "2026-01-02", 2)))
                                  .withRowSchema(t.schema()))
                          .apply(WriteTable.to(t, warehouse).afterAll(otherRead));
                    }));
    assertThat(String.valueOf(failed.getMessage()), containsString("source read failed"));
    assertEquals(before, q.checksum(t));
  }

  /** A source read that fails late: after the target shows the new row, or after 5 s. */
  private static DoFn<Integer, Integer> failWhenChanged(String path, String table) {
    return new DoFn<Integer, Integer>() {
      @ProcessElement
      public void process() throws Exception {
        DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + path));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
            && ((Number) q.value("select count(*) from " + table + " where event_id = 'new'"))
                    .longValue()
                == 0) {
          Thread.sleep(50);
        }
        throw new IllegalStateException("source read failed");
      }
    };
  }
}
