package io.intelligencesuite.tests;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Command-line arguments as a pipeline's validated options, as its main would parse them. */
public final class PipelineArgs {
  private PipelineArgs() {}

  /** {@code args} then {@code extra} as validated options of {@code type}. */
  public static <O extends PipelineOptions> O options(
      Class<O> type, List<String> args, String... extra) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).withValidation().as(type);
  }
}
