package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.ErrorProto;
import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationQuery;
import com.google.api.services.bigquery.model.JobReference;
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.JobService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs one GoogleSQL script (the sink's replace transaction) as a query job and waits for it. An
 * interface because Beam's fake job service cannot run DML: tests give their own.
 */
public interface BigQueryScripts extends Serializable {
  /** Runs {@code script} in {@code project}; throws naming BigQuery's error if the job failed. */
  void run(String project, String script, PipelineOptions options)
      throws IOException, InterruptedException;

  /** Query jobs through {@code services} (the real API when null). */
  static BigQueryScripts jobs(@Nullable BigQueryServices services) {
    return (project, script, options) -> {
      BigQueryServices bigQuery = services != null ? services : new BigQueryServicesImpl();
      JobReference ref =
          new JobReference()
              .setProjectId(project)
              .setJobId("suite_replace_" + UUID.randomUUID().toString().replace("-", ""));
      try (JobService jobs = bigQuery.getJobService(options.as(BigQueryOptions.class))) {
        jobs.startQueryJob(
            ref, new JobConfigurationQuery().setQuery(script).setUseLegacySql(false));
        Job job = jobs.pollJob(ref, Integer.MAX_VALUE);
        ErrorProto error =
            job == null || job.getStatus() == null ? null : job.getStatus().getErrorResult();
        if (job == null || error != null) {
          throw new IOException(
              "BigQuery job "
                  + ref.getJobId()
                  + " failed: "
                  + (error == null ? "no final status" : error.getMessage()));
        }
      } catch (IOException | InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("Closing the BigQuery job service", e);
      }
    };
  }
}
