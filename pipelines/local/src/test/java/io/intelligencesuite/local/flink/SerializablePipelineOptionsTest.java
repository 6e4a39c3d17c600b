package io.intelligencesuite.local.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.apache.beam.runners.core.construction.SerializablePipelineOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/**
 * Our copy of Beam's SerializablePipelineOptions reuses the last JSON while the options are
 * unchanged; a changed value or a new view ({@code as()}) must still reach the deserialized copy.
 */
public class SerializablePipelineOptionsTest {
  private static PipelineOptions roundTrip(PipelineOptions options) {
    return SerializableUtils.clone(new SerializablePipelineOptions(options)).get();
  }

  @Test
  public void unchangedOptionsGiveTheSameJsonAndChangedOnesTheNewValues() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setJobName("first");
    // The first wrap stores computed defaults (FileSystems reads them): the second serializes
    // again and includes them, as Beam does; from then on the JSON is reused.
    new SerializablePipelineOptions(options);
    String json = new SerializablePipelineOptions(options).toString();
    assertEquals(json, new SerializablePipelineOptions(options).toString());
    assertEquals("first", roundTrip(options).getJobName());

    options.setJobName("second");
    assertEquals("second", roundTrip(options).getJobName());
    options.setParallelism(3);
    assertEquals(3, (int) roundTrip(options).as(FlinkPipelineOptions.class).getParallelism());

    // Another options object with the same values serializes on its own, to the same values.
    FlinkPipelineOptions other = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    other.setJobName("other");
    assertEquals("other", roundTrip(other).getJobName());
    assertEquals("second", roundTrip(options).getJobName());
  }

  @Test
  public void theWrappedOptionsAreTheOnesGiven() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    assertSame(options, new SerializablePipelineOptions(options).get());
  }
}
