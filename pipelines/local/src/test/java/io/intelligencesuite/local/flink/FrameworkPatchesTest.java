package io.intelligencesuite.local.flink;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.Test;

/**
 * The local tool carries three copies of framework classes
 * (pipelines/local/src/main/java/org/apache, never in the Dataflow jar; docs/upstream/ says why and
 * holds the upstream reports). Each copy is only right for the version it was copied from, so this
 * fails the build when either framework changes version: re-read the new upstream class, then
 * re-apply the change or delete the copy.
 */
public class FrameworkPatchesTest {
  /** SerializablePipelineOptions was copied from beam-runners-core-java at this version. */
  static final String BEAM_VERSION = "2.70.0";

  /**
   * UnionParallelismAndForwardEnforcer and RangePartitionRewriter were copied from flink-optimizer
   * at this version.
   */
  static final String FLINK_VERSION = "1.19.0";

  @Test
  public void beamIsTheVersionThePatchedClassWasCopiedFrom() {
    assertEquals(
        "Beam changed version: re-check org.apache.beam.runners.core.construction.SerializablePipelineOptions "
            + "in pipelines/local against the new release (docs/upstream/beam-serializable-pipeline-options.md)",
        BEAM_VERSION,
        ReleaseInfo.getReleaseInfo().getVersion());
  }

  @Test
  public void flinkIsTheVersionThePatchedClassesWereCopiedFrom() {
    assertEquals(
        "Flink changed version: re-check org.apache.flink.optimizer.traversals.* in pipelines/local "
            + "against the new release (docs/upstream/flink-optimizer-path-walk.md)",
        FLINK_VERSION,
        EnvironmentInformation.getVersion());
  }
}
