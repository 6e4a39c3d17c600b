package io.intelligencesuite.local.cli;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Test;

/**
 * When the CLI registers the options interfaces the suite jar leaves out of Beam's registry (the
 * Google Cloud ones, Beam core's and the direct runner's beyond the Flink runner's): only for a
 * command line that names an option only they declare.
 */
public class OnDemandOptionsTest {
  /** What the suite jar registers: the Flink runner's options (which extend streaming's too). */
  private static final List<Class<? extends PipelineOptions>> LOCAL =
      List.of(PipelineOptions.class, FlinkPipelineOptions.class);

  @Test
  public void aDataflowOrBigQueryCommandLineNeedsThem() {
    // --region: DataflowPipelineOptions; --project: GcpOptions; --tempLocation: PipelineOptions.
    assertEquals(
        Set.of("project", "region"),
        OnDemandOptions.leftOutOnly(
            new String[] {
              "--runner=DataflowRunner",
              "--project=p",
              "--region=europe-west1",
              "--tempLocation=gs://b/tmp"
            },
            () -> LOCAL));
  }

  @Test
  public void theDirectRunnersOwnOptionsAndBeamCoresExperimentsNeedThem() {
    // --targetParallelism: DirectOptions; --experiments: ExperimentalOptions, which the Flink
    // runner's options do not extend; --runner: PipelineOptions.
    assertEquals(
        Set.of("experiments", "targetParallelism"),
        OnDemandOptions.leftOutOnly(
            new String[] {"--runner=DirectRunner", "--targetParallelism=2", "--experiments=x"},
            () -> LOCAL));
  }

  @Test
  public void aLocalCommandLineDoesNot() {
    // --streaming is declared by DataflowPipelineOptions too, but the Flink runner's options
    // extend StreamingOptions;
    // --asOf and --parallelism are nobody's cloud option.
    assertEquals(
        Set.of(),
        OnDemandOptions.leftOutOnly(
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
