package io.intelligencesuite.templates;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * The one main class of the Dataflow image ({@code FLEX_TEMPLATE_JAVA_MAIN_CLASS}). Every template
 * carries a {@code pipeline} parameter (an ENUM with its one value), and this dispatches to that
 * pipeline in {@link PipelineCatalog}, exactly as {@code ./suite run NAME} does.
 *
 * <p>Why one dispatcher rather than a main class per template: {@code gcloud dataflow flex-template
 * build --image} takes a prebuilt image and cannot set the launcher's environment per template (its
 * {@code --env} works only when gcloud builds the image itself, one full image per template). With
 * a dispatcher the image is built and pushed once, and what the console launches goes through the
 * same catalog the CLI and the tests use.
 *
 * <p>Returns as soon as the job is submitted (the flex-template launcher waits for that, not for
 * the job). Without {@code --runner} the runner is Dataflow: the launcher's arguments do not name
 * one.
 */
public final class FlexTemplateMain {
  public static final String PIPELINE_PARAMETER = "pipeline";

  private FlexTemplateMain() {}

  public static void main(String[] args) {
    launch(args);
  }

  /**
   * Starts the named pipeline with the remaining arguments; returns its (running or finished)
   * result.
   */
  public static PipelineResult launch(String[] args) {
    String pipeline = null;
    boolean runnerGiven = false;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--" + PIPELINE_PARAMETER + "=")) {
        pipeline = arg.substring(PIPELINE_PARAMETER.length() + 3);
      } else {
        runnerGiven |= arg.startsWith("--runner=");
        rest.add(arg);
      }
    }
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException(
          "--"
              + PIPELINE_PARAMETER
              + "=NAME is required (the template sets it); "
              + "pipelines: "
              + String.join(", ", PipelineCatalog.all().keySet()));
    }
    if (!runnerGiven) {
      rest.add("--runner=DataflowRunner");
    }
    return PipelineCatalog.get(pipeline).launch(rest.toArray(String[]::new));
  }
}
