package io.intelligencesuite.transforms.warehouse;

import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.testing.TestTables;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link ReadTable#emptyIfMissing} on BigQuery (Beam's fake services): a table a first run lacks
 * reads as empty, as every missing table does on DuckDB; without it the read of a missing table
 * fails the run.
 */
public class ReadTableBigQueryTest {
  private static final Warehouse WAREHOUSE = Warehouse.parse("bigquery:suite-test.analytics");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery("suite-test", "analytics");

  private Pipeline pipeline() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    return Pipeline.create(options);
  }

  @Test
  public void aMissingTableReadsAsEmptyWhenAsked() {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    Pipeline p = pipeline();
    PAssert.that(
            p.apply(
                ReadTable.from(t, WAREHOUSE)
                    .withBigQueryServices(bigQuery.services)
                    .emptyIfMissing()))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void otherwiseAMissingTableFailsTheRun() {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    Pipeline p = pipeline();
    p.apply(ReadTable.from(t, WAREHOUSE).withBigQueryServices(bigQuery.services));
    assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
  }
}
