package io.intelligencesuite.testing;

import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.junit.rules.ExternalResource;

/**
 * Beam's own fake BigQuery services (there is no Google Cloud here) with one empty dataset, fresh
 * for each test: a {@code @Rule} for the tests of BigQuery reads and writes.
 */
public final class FakeBigQuery extends ExternalResource {
  private final String project;
  private final String dataset;
  private FakeDatasetService datasets;
  private FakeJobService jobs;
  private FakeBigQueryServices services;

  public FakeBigQuery(String project, String dataset) {
    this.project = project;
    this.dataset = dataset;
  }

  @Override
  protected void before() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    datasets = new FakeDatasetService();
    datasets.createDataset(project, dataset, "", "", null);
    jobs = new FakeJobService();
    services = new FakeBigQueryServices().withDatasetService(datasets).withJobService(jobs);
  }

  /** The tables and rows. */
  public FakeDatasetService datasets() {
    return datasets;
  }

  /** The load, extract and query jobs the test's pipelines ran. */
  public FakeJobService jobs() {
    return jobs;
  }

  /** The services to hand to the BigQuery IO under test. */
  public FakeBigQueryServices services() {
    return services;
  }
}
