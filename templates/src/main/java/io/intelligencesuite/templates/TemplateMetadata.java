package io.intelligencesuite.templates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A pipeline's flex-template metadata (the file {@code gcloud dataflow flex-template build
 * --metadata-file} takes), generated from its options interface: the interface's
 * {@code @Description} is the template's description, each exposed option a parameter. Order: the
 * pipeline selector, the required parameters, then the optional ones, each group by name.
 */
public final class TemplateMetadata {
  private TemplateMetadata() {}

  public static List<TemplateParameter> parameters(PipelineCatalog.Entry<?> pipeline) {
    List<TemplateParameter> parameters = new ArrayList<>();
    for (OptionSpec option : OptionSpec.of(pipeline.optionsType())) {
      if (TemplateParameter.exposed(option)) {
        parameters.add(TemplateParameter.from(option));
      }
    }
    parameters.sort(
        Comparator.comparing(TemplateParameter::optional).thenComparing(TemplateParameter::name));
    parameters.add(0, TemplateParameter.pipelineSelector(pipeline.name()));
    return parameters;
  }

  public static ObjectNode json(PipelineCatalog.Entry<?> pipeline) {
    String description = OptionSpec.typeDescription(pipeline.optionsType());
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(
          pipeline.optionsType().getName()
              + " has no @Description on the interface; "
              + "it is the template's description in the Dataflow console, so add one");
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", "Intelligence Suite: " + pipeline.name());
    json.put("description", description);
    json.put("streaming", false);
    ArrayNode parameters = json.putArray("parameters");
    parameters(pipeline).forEach(p -> parameters.add(p.toJson()));
    return json;
  }
}
