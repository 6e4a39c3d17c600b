package io.intelligencesuite.testing;

import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.junit.rules.ExternalResource;

/**
 * Beam's own fake BigQuery services (there is no Google Cloud here) with one empty dataset, fresh
 * for each test: a {@code @Rule} for the tests of BigQuery reads and writes. The fakes keep their
 * tables and jobs in static state, which {@link #before} resets.
 */
public final class FakeBigQuery extends ExternalResource {
  /** The tables and their rows. */
  public final FakeDatasetService datasets = new FakeDatasetService();

  /** The load, extract and query jobs the test's pipelines ran. */
  public final FakeJobService jobs = new FakeJobService();

  /** The services to hand to the BigQuery IO under test. */
  public final FakeBigQueryServices services =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(jobs);

  private final String project;
  private final String dataset;

  public FakeBigQuery(String project, String dataset) {
    this.project = project;
    this.dataset = dataset;
  }

  /** The rows of {@code table} in the dataset, as the fake holds them. */
  public List<TableRow> rows(String table) throws Exception {
    return datasets.getAllRows(project, dataset, table);
  }

  /** One text column of {@code table}'s rows, in the order the fake holds them. */
  public List<String> texts(String table, String column) throws Exception {
    return rows(table).stream().map(r -> (String) r.get(column)).collect(Collectors.toList());
  }

  @Override
  protected void before() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    datasets.createDataset(project, dataset, "", "", null);
  }
}
