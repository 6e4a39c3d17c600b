package io.intelligencesuite.sources.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a deal's stage and owner ids mean, read once at launch from {@code GET
 * /crm/v3/pipelines/deals} and {@code GET /crm/v3/owners}, and handed to the deal parser.
 *
 * <p>A pipeline is {@code {"id", "label", "displayOrder", "stages": [{"id", "label",
 * "displayOrder", "metadata": {"isClosed": "true", "probability": "1.0"}, ...}], ...}} (HubSpot,
 * CRM API | Pipelines: deal stages carry {@code metadata.isClosed} and {@code
 * metadata.probability}, as strings). A closed stage with probability 1.0 is won (the default
 * pipeline's {@code closedwon}), a closed stage with probability 0.0 is lost ({@code closedlost}).
 * An owner is {@code {"id", "email", "firstName", "lastName", "userId", ...}} (CRM API | Owners:
 * {@code id} is what records store in {@code hubspot_owner_id}).
 */
public final class DealStages implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One stage of one pipeline. */
  public record Stage(String label, boolean closed, boolean won) implements Serializable {}

  private final Map<String, Stage> stages;
  private final Map<String, String> ownerEmails;

  private DealStages(Map<String, Stage> stages, Map<String, String> ownerEmails) {
    this.stages = stages;
    this.ownerEmails = ownerEmails;
  }

  /**
   * From the pipelines and owners answers. A stage without an id or a closed stage whose
   * probability is neither 0 nor 1 is a configuration the win rate cannot read: the run fails,
   * naming the stage, before anything is written.
   */
  public static DealStages of(List<JsonNode> pipelines, List<JsonNode> owners) {
    Map<String, Stage> stages = new HashMap<>();
    for (JsonNode p : pipelines) {
      String pipelineId = p.path("id").asText("");
      for (JsonNode s : p.path("stages")) {
        String stageId = s.path("id").asText("");
        if (pipelineId.isEmpty() || stageId.isEmpty()) {
          throw new IllegalStateException(
              "GET /crm/v3/pipelines/deals: a pipeline or stage without an id: " + s);
        }
        boolean closed = s.path("metadata").path("isClosed").asText("false").equals("true");
        double probability = s.path("metadata").path("probability").asDouble(0);
        if (closed && probability != 0 && probability != 1) {
          throw new IllegalStateException(
              "GET /crm/v3/pipelines/deals: closed stage '"
                  + stageId
                  + "' of pipeline '"
                  + pipelineId
                  + "' has probability "
                  + probability
                  + "; a closed stage must be won (1.0) or lost (0.0)");
        }
        stages.put(
            key(pipelineId, stageId),
            new Stage(s.path("label").asText(stageId), closed, closed && probability == 1));
      }
    }
    Map<String, String> emails = new HashMap<>();
    for (JsonNode o : owners) {
      if (o.hasNonNull("id") && o.hasNonNull("email")) {
        emails.put(o.get("id").asText(), o.get("email").asText());
      }
    }
    return new DealStages(stages, emails);
  }

  /** The stage, or null when the pipeline has no such stage. */
  public @Nullable Stage stage(String pipelineId, String stageId) {
    return stages.get(key(pipelineId, stageId));
  }

  public @Nullable String ownerEmail(@Nullable String ownerId) {
    return ownerId == null ? null : ownerEmails.get(ownerId);
  }

  private static String key(String pipelineId, String stageId) {
    return pipelineId + "/" + stageId;
  }
}
