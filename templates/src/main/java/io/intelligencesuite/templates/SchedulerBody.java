package io.intelligencesuite.templates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.pipelines.PipelineCatalog;
import java.util.List;

/**
 * The body Cloud Scheduler POSTs to {@code flexTemplates:launch}, generated from the same parameters
 * as the template metadata so the two cannot diverge. Values are {@code ${VARIABLE}} placeholders that
 * deploy.sh fills from the config file: every required parameter (and the schedule's extras) maps to
 * the variable {@link Schedule#configVariable} names.
 */
public final class SchedulerBody {
  /** Where deploy.sh writes each template spec; the body points at the same file. */
  public static final String TEMPLATE_PATH = "gs://${BUCKET}/templates/%s.json";

  private SchedulerBody() {}

  public static ObjectNode json(PipelineCatalog.Entry<?> pipeline, Schedule schedule) {
    List<TemplateParameter> parameters = TemplateMetadata.parameters(pipeline);
    ObjectNode launch = JsonNodeFactory.instance.objectNode();
    // Cloud Scheduler sends the same body every time, so the name cannot carry the date; Dataflow allows
    // the same name once the previous job has finished, and the run id (with its UTC start) is in
    // pipeline_runs and the job's labels.
    launch.put("jobName", "suite-" + pipeline.name() + "-scheduled");
    launch.put("containerSpecGcsPath", TEMPLATE_PATH.formatted(pipeline.name()));
    ObjectNode values = launch.putObject("parameters");
    for (TemplateParameter p : parameters) {
      if (p.name().equals(FlexTemplateMain.PIPELINE_PARAMETER)) {
        values.put(p.name(), pipeline.name());
      } else if (Schedule.FIXED_PARAMETERS.containsKey(p.name())) {
        values.put(p.name(), Schedule.FIXED_PARAMETERS.get(p.name()));
      } else if (!p.optional() || schedule.extraParameters().contains(p.name())) {
        values.put(p.name(), "${" + Schedule.configVariable(p.name()) + "}");
      }
    }
    for (String extra : schedule.extraParameters()) {
      if (!values.has(extra)) {
        throw new IllegalArgumentException("the " + pipeline.name() + " schedule sets " + extra
            + ", which its template does not have");
      }
    }
    ObjectNode environment = launch.putObject("environment");
    environment.put("tempLocation", "gs://${BUCKET}/temp");
    environment.put("stagingLocation", "gs://${BUCKET}/staging");
    environment.put("serviceAccountEmail", "${WORKER_SERVICE_ACCOUNT}");
    environment.put("maxWorkers", schedule.maxWorkers());
    environment.putObject("additionalUserLabels").put("pipeline", pipeline.name()).put("trigger", "scheduler");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("launchParameter", launch);
    return body;
  }
}
