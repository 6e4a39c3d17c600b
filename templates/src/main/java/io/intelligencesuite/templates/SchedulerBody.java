package io.intelligencesuite.templates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduled run's launch request for {@code flexTemplates:launch}, generated from the same
 * parameters as the template metadata so the two cannot diverge. It has no {@code jobName}: Cloud
 * Scheduler sends a fixed body, so it runs the launch workflow (templates/workflows/launch.yaml)
 * with this body as the argument, and the workflow adds {@code suite-PIPELINE-YYYYMMDD-HHMMSS} at
 * the moment it runs.
 *
 * <p>Values are placeholders that deploy.sh fills from the config file: {@code ${VARIABLE}} must be
 * set (every required parameter and the schedule's {@code extraParameters}); a line with {@code
 * ${VARIABLE:-}} is left out when the config does not set it (the schedule's {@code ifConfigured}),
 * so the pipeline's default applies. {@code pipeline} is always the last parameter, so that leaving
 * out any other line keeps the JSON valid.
 */
public final class SchedulerBody {
  /** Where deploy.sh writes each template spec; the body points at the same file. */
  public static final String TEMPLATE_PATH = "gs://${BUCKET}/templates/%s.json";

  private SchedulerBody() {}

  public static ObjectNode json(PipelineCatalog.Entry<?> pipeline, Schedule schedule) {
    List<TemplateParameter> parameters = TemplateMetadata.parameters(pipeline);
    List<String> names = new ArrayList<>();
    parameters.forEach(p -> names.add(p.name()));
    for (String extra : concat(schedule.extraParameters(), schedule.ifConfigured())) {
      if (!names.contains(extra)) {
        throw new IllegalArgumentException(
            "the "
                + pipeline.name()
                + " schedule sets "
                + extra
                + ", which its template does not have");
      }
    }
    ObjectNode launch = JsonNodeFactory.instance.objectNode();
    launch.put("containerSpecGcsPath", TEMPLATE_PATH.formatted(pipeline.name()));
    ObjectNode values = launch.putObject("parameters");
    for (TemplateParameter p : parameters) {
      String variable = Schedule.configVariable(p.name());
      if (p.name().equals(FlexTemplateMain.PIPELINE_PARAMETER)) {
        continue;
      } else if (Schedule.FIXED_PARAMETERS.containsKey(p.name())) {
        values.put(p.name(), Schedule.FIXED_PARAMETERS.get(p.name()));
      } else if (!p.optional() || schedule.extraParameters().contains(p.name())) {
        values.put(p.name(), "${" + variable + "}");
      } else if (schedule.ifConfigured().contains(p.name())) {
        values.put(p.name(), "${" + variable + ":-}");
      }
    }
    values.put(FlexTemplateMain.PIPELINE_PARAMETER, pipeline.name());
    ObjectNode environment = launch.putObject("environment");
    environment.put("tempLocation", "gs://${BUCKET}/temp");
    environment.put("stagingLocation", "gs://${BUCKET}/staging");
    environment.put("serviceAccountEmail", "${WORKER_SERVICE_ACCOUNT}");
    environment.put("maxWorkers", schedule.maxWorkers());
    environment
        .putObject("additionalUserLabels")
        .put("pipeline", pipeline.name())
        .put("trigger", "scheduler");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("launchParameter", launch);
    return body;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
