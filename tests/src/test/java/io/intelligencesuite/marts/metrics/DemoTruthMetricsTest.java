package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * The formulas against the demo generator's answer key, fed with the generator's own movements and
 * trials (truth/mrr_movements.json, truth/trials.json), so a mismatch is the formulas' fault, not
 * the marts' (the demo end-to-end test holds the marts to the same figures).
 */
public class DemoTruthMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** truth/monthly.json column -> dictionary metric. */
  private static final Map<String, String> COLUMNS = DemoFixture.TRUTH_BILLING_METRICS;

  /** The generator's movements and (non-test) trials as metric inputs. */
  static MetricInputs load(Path truth) throws IOException {
    List<Facts.Movement> movements = new ArrayList<>();
    for (JsonNode m :
        JSON.readTree(Files.readString(truth.resolve("mrr_movements.json"))).get("movements")) {
      String type = m.get("type").asText().equals("new_biz") ? "new" : m.get("type").asText();
      LocalDate date = Instant.parse(m.get("at").asText()).atOffset(ZoneOffset.UTC).toLocalDate();
      movements.add(
          new Facts.Movement(
              m.get("stripe_customer_id").asText(),
              m.get("company_id").asText(),
              date,
              type,
              m.get("mrr_before").asLong(),
              m.get("mrr_after").asLong(),
              m.get("mrr_delta").asLong()));
    }
    List<Facts.Trial> trials = new ArrayList<>();
    for (JsonNode t : JSON.readTree(Files.readString(truth.resolve("trials.json"))).get("trials")) {
      if (t.get("is_test").asBoolean()) {
        continue;
      }
      long ends = Instant.parse(t.get("trial_ends_at").asText()).toEpochMilli();
      Long activated =
          t.get("activated_at").isNull()
              ? null
              : Instant.parse(t.get("activated_at").asText()).toEpochMilli();
      // The generator's schools pay when the trial ends.
      trials.add(
          new Facts.Trial(
              Instant.parse(t.get("started_at").asText()).toEpochMilli(),
              ends,
              activated,
              t.get("converted").asBoolean() ? ends : null));
    }
    return new MetricInputs(movements, List.of(), trials, List.of(), List.of(), List.of());
  }

  @Test
  public void monthlyFiguresEqualTheTruth() throws IOException {
    Path truth = DemoFixture.dir().resolve("truth");
    MetricLedger.Values v =
        ProductionMetrics.compute(
            load(truth), LocalDate.parse("2026-10-31"), MetricParameters.defaults());
    Map<String, Double> computed = new TreeMap<>();
    v.monthly()
        .forEach(
            x -> computed.put(x.metric() + " " + x.period().toString().substring(0, 7), x.value()));
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (JsonNode month :
        JSON.readTree(Files.readString(truth.resolve("monthly.json"))).get("months")) {
      for (Map.Entry<String, String> c : COLUMNS.entrySet()) {
        String key = c.getValue() + " " + month.get("month").asText();
        double expected = month.get(c.getKey()).asDouble();
        Double actual = computed.get(key);
        compared++;
        if (actual == null || actual != expected) {
          mismatches.add(key + ": truth " + expected + ", computed " + actual);
        }
      }
    }
    for (JsonNode month :
        JSON.readTree(Files.readString(truth.resolve("monthly.json"))).get("months")) {
      for (String metric : DemoFixture.TRUTH_RETENTION_METRICS) {
        String key = metric + " " + month.get("month").asText();
        JsonNode expected = month.get(metric);
        Double actual = computed.get(key);
        compared++;
        boolean same =
            expected.isNull()
                ? actual == null
                : actual != null && Math.abs(actual - expected.asDouble()) <= 1e-12;
        if (!same) {
          mismatches.add(key + ": truth " + expected + ", computed " + actual);
        }
      }
    }
    assertEquals(String.join("\n", mismatches), 0, mismatches.size());
    System.out.println("DemoTruthMetricsTest: " + compared + " monthly figures equal the truth");
  }
}
