package io.intelligencesuite.local.cli;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.junit.Test;

/**
 * When the CLI registers the Google Cloud options interfaces, which the suite jar leaves out of
 * Beam's registry: only for a command line that names an option only they declare.
 */
public class CloudOptionsTest {
  /** What the suite jar registers, in part: the core, streaming and Flink interfaces. */
  private static final List<Class<? extends PipelineOptions>> LOCAL =
      List.of(PipelineOptions.class, StreamingOptions.class, FlinkPipelineOptions.class);

  @Test
  public void aDataflowOrBigQueryCommandLineNeedsThem() {
    // --region: DataflowPipelineOptions; --project: GcpOptions; --tempLocation: PipelineOptions.
    assertEquals(
        Set.of("project", "region"),
        CloudOptions.cloudOnly(
            new String[] {
              "--runner=DataflowRunner",
              "--project=p",
              "--region=europe-west1",
              "--tempLocation=gs://b/tmp"
            },
            () -> LOCAL));
  }

  @Test
  public void aLocalCommandLineDoesNot() {
    // --streaming is declared by DataflowPipelineOptions too, but StreamingOptions is registered;
    // --asOf and --parallelism are nobody's cloud option.
    assertEquals(
        Set.of(),
        CloudOptions.cloudOnly(
            new String[] {
              "marts",
              "--runner=FlinkRunner",
              "--streaming=false",
              "--parallelism=2",
              "--asOf=2026-10-31",
              "--warehouse=duckdb:w.duckdb"
            },
            () -> LOCAL));
  }
}
