package io.intelligencesuite.transforms.warehouse;

import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TestTables;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.junit.Before;
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
  private FakeBigQueryServices services;

  @Before
  public void setUp() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset("suite-test", "analytics", "", "", null);
    services =
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(new FakeJobService());
  }

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
            p.apply(ReadTable.from(t, WAREHOUSE).withBigQueryServices(services).emptyIfMissing()))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void otherwiseAMissingTableFailsTheRun() {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    Pipeline p = pipeline();
    p.apply(ReadTable.from(t, WAREHOUSE).withBigQueryServices(services));
    assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
  }
}
