package io.intelligencesuite.marts.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The discrepancy report scored against the demo generator's truth ({@code
 * truth/planted_discrepancies.json}): a row matches a planted disagreement when it names the same
 * system (chartmogul or backend), Stripe customer and month. Precision is the share of rows that
 * match a planted disagreement (a second row for the same one does not), recall the share of
 * planted disagreements reported.
 */
public final class ReconcileCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReconcileCheck() {}

  /** How the report scored; {@code unexpected} are the rows no planted disagreement explains. */
  public record Result(int planted, int reported, Set<String> missed, List<String> unexpected) {
    public double precision() {
      return reported == 0 ? 1.0 : (reported - unexpected.size()) / (double) reported;
    }

    public double recall() {
      return planted == 0 ? 1.0 : (planted - missed.size()) / (double) planted;
    }

    /** Exactly the planted disagreements, each once, and nothing else. */
    public boolean exact() {
      return missed.isEmpty() && unexpected.isEmpty();
    }

    @Override
    public String toString() {
      return String.format(
              java.util.Locale.ROOT,
              "reconcile vs truth: %d planted, %d reported, precision %.3f, recall %.3f",
              planted,
              reported,
              precision(),
              recall())
          + (missed.isEmpty() ? "" : "\n  missed: " + missed)
          + (unexpected.isEmpty() ? "" : "\n  unexpected: " + String.join("\n    ", unexpected));
    }
  }

  /** Scores the {@code reconciliation} table of the warehouse (after {@code ./suite reconcile}). */
  public static Result againstTruth(Warehouse warehouse, Path truthFile) throws IOException {
    List<List<Object>> rows;
    try {
      rows =
          new DuckDbQueries(warehouse)
              .rows(
                  "SELECT check_name, customer_id, month, value_a, value_b, likely_cause "
                      + "FROM reconciliation ORDER BY customer_id, month, check_name");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read reconciliation (run ./suite reconcile first): " + e.getMessage(), e);
    }
    List<Reported> reported = new ArrayList<>();
    for (List<Object> r : rows) {
      reported.add(
          new Reported(
              (String) r.get(0),
              (String) r.get(1),
              LocalDate.parse(r.get(2).toString().substring(0, 10)),
              r.get(3) + " vs " + r.get(4) + ": " + r.get(5)));
    }
    return score(reported, planted(truthFile));
  }

  /** Scores findings computed in memory (the rules applied without a warehouse). */
  public static Result againstTruth(List<Finding> findings, Path truthFile) throws IOException {
    return score(
        findings.stream()
            .map(
                f ->
                    new Reported(
                        f.checkName(),
                        f.customerId(),
                        f.month(),
                        f.valueA() + " vs " + f.valueB() + ": " + f.likelyCause()))
            .toList(),
        planted(truthFile));
  }

  private record Reported(String checkName, String customerId, LocalDate month, String detail) {
    String key() {
      return ReconcileCheck.key(
          checkName.startsWith("backend") ? "backend" : "chartmogul",
          customerId,
          YearMonth.from(month).toString());
    }
  }

  /**
   * "chartmogul cus_... 2026-02": the system that disagrees with Stripe, the customer, the month.
   */
  private static String key(String system, String customerId, String month) {
    return system + " " + customerId + " " + month;
  }

  static Set<String> planted(Path truthFile) throws IOException {
    Set<String> planted = new TreeSet<>();
    for (JsonNode p : JSON.readTree(truthFile.toFile()).path("discrepancies")) {
      planted.add(
          key(
              p.path("system").asText(),
              p.path("stripe_customer_id").asText(),
              p.path("month").asText()));
    }
    return planted;
  }

  private static Result score(List<Reported> reported, Set<String> planted) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> unexpected = new ArrayList<>();
    for (Reported r : reported) {
      if (!planted.contains(r.key()) || !seen.add(r.key())) {
        unexpected.add(
            r.checkName()
                + " "
                + r.customerId()
                + " "
                + YearMonth.from(r.month())
                + " ("
                + r.detail()
                + ")");
      }
    }
    Set<String> missed = new TreeSet<>(planted);
    missed.removeAll(seen);
    return new Result(planted.size(), reported.size(), missed, unexpected);
  }
}
