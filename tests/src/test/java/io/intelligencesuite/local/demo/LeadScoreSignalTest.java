package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The lead score means something: higher scores convert more, and v2 separates better than v1. */
public class LeadScoreSignalTest {

  @Test
  public void higherScoresConvertMoreOften() throws IOException {
    Path dir = DemoFixture.dir();
    // Leads whose trial became a paying customer, per truth/trials.json.
    Set<String> paid = new HashSet<>();
    Set<String> trial = new HashSet<>();
    for (JsonNode t :
        new ObjectMapper().readTree(dir.resolve("truth/trials.json").toFile()).get("trials")) {
      if (!t.get("lead_id").isNull()) {
        trial.add(t.get("lead_id").asText());
        if (t.get("converted").asBoolean()) {
          paid.add(t.get("lead_id").asText());
        }
      }
    }
    // First score of each lead per model version.
    Map<String, Map<String, Integer>> first = new HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("leads/lead_scores.csv"));
    assertEquals("run_id,lead_id,scored_at,score,grade,model_version", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      first.computeIfAbsent(f[5], k -> new HashMap<>()).putIfAbsent(f[1], Integer.parseInt(f[3]));
    }
    for (String model : new String[] {"v1", "v2"}) {
      Map<String, Integer> scores = first.get(model);
      double aucTrial = auc(scores, trial);
      double aucPaid = auc(scores, paid);
      assertTrue(model + " trial AUC " + aucTrial, aucTrial > 0.6);
      assertTrue(model + " paid AUC " + aucPaid, aucPaid > 0.6);
    }
    assertTrue("v2 beats v1", auc(first.get("v2"), paid) > auc(first.get("v1"), paid));
  }

  /** Probability that a random positive lead outscores a random negative one. */
  private static double auc(Map<String, Integer> scores, Set<String> positives) {
    double wins = 0;
    long pairs = 0;
    for (Map.Entry<String, Integer> p : scores.entrySet()) {
      if (!positives.contains(p.getKey())) {
        continue;
      }
      for (Map.Entry<String, Integer> n : scores.entrySet()) {
        if (positives.contains(n.getKey())) {
          continue;
        }
        pairs++;
        wins += p.getValue() > n.getValue() ? 1 : p.getValue().equals(n.getValue()) ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }
}
