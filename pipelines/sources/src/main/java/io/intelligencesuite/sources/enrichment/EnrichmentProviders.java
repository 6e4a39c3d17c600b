package io.intelligencesuite.sources.enrichment;

import static io.intelligencesuite.sources.common.Json.doubleValue;
import static io.intelligencesuite.sources.common.Json.isoInstant;
import static io.intelligencesuite.sources.common.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The one place where each enrichment provider's field names map onto {@code visitor_enrichment}. A
 * provider not listed here is rejected with the list of known ones.
 */
public final class EnrichmentProviders {
  private EnrichmentProviders() {}

  /**
   * Where a provider keeps each column; {@code signalType} is a constant (what kind of signal the
   * feed is).
   */
  public record Mapping(
      String signalId,
      String observedAt,
      String companyDomain,
      String companyName,
      @Nullable String userPseudoId,
      String signalType,
      @Nullable String intentTopic,
      @Nullable String score,
      @Nullable String companyCountry,
      @Nullable String employeeRange)
      implements Serializable {}

  static final Map<String, Mapping> MAPPINGS =
      new TreeMap<>(
          Map.of(
              // SwanAI: company-identified website visits.
              "swanai",
                  new Mapping(
                      "visit_id",
                      "observed_at",
                      "company_domain",
                      "company_name",
                      "user_pseudo_id",
                      "visit",
                      null,
                      "confidence",
                      "company_country",
                      "employee_range"),
              // G2 buyer intent: one signal per company, topic and day.
              "g2",
                  new Mapping(
                      "signal_id",
                      "date",
                      "domain",
                      "company_name",
                      null,
                      "intent",
                      "intent_topic",
                      "score",
                      null,
                      null)));

  public static Mapping mapping(String provider) {
    Mapping m = MAPPINGS.get(provider.toLowerCase(Locale.ROOT));
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown enrichment provider '"
              + provider
              + "'; known providers: "
              + String.join(", ", MAPPINGS.keySet())
              + " (add one in EnrichmentProviders.MAPPINGS)");
    }
    return m;
  }

  /** A record as {@code {"provider": P, "record": {...}}} -> a visitor_enrichment row. */
  public static Row parse(String json) {
    JsonNode w = Json.parse(json);
    String provider = Json.requiredText(w, "provider");
    Mapping m = mapping(provider);
    JsonNode r = w.get("record");
    if (r == null || r.isNull()) {
      throw new BadRecordException("record", "is required but missing");
    }
    if (!r.isObject()) {
      throw new BadRecordException(
          "record", "is not a JSON object: " + r.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    JsonNode csvError = w.get(EnrichmentPipeline.CSV_ERROR);
    if (csvError != null) {
      throw new BadRecordException(Json.text(csvError, "field"), Json.text(csvError, "reason"));
    }
    Instant observed = isoInstant(r, m.observedAt());
    if (observed == null) {
      throw new BadRecordException(m.observedAt(), "is required but missing");
    }
    String domain = text(r, m.companyDomain());
    return RowBuilder.of(Tables.VISITOR_ENRICHMENT)
        .set("signal_id", Json.requiredText(r, m.signalId()))
        .set("observed_at", observed)
        .set("provider", provider.toLowerCase(Locale.ROOT))
        .set(
            "company_domain",
            domain == null || domain.isBlank()
                ? null
                : domain.trim().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""))
        .set("company_name", text(r, m.companyName()))
        .set(
            "user_pseudo_id",
            m.userPseudoId() == null ? null : blankToNull(text(r, m.userPseudoId())))
        .set("signal_type", m.signalType())
        .set("intent_topic", m.intentTopic() == null ? null : text(r, m.intentTopic()))
        .set("score", m.score() == null ? null : score(r, m.score()))
        .set("company_country", country(r, m.companyCountry()))
        .set(
            "employee_range",
            m.employeeRange() == null ? null : blankToNull(text(r, m.employeeRange())))
        .build();
  }

  /** The provider's country code, upper-case like the backend's (null when it has none). */
  private static @Nullable String country(JsonNode r, @Nullable String field) {
    String c = field == null ? null : blankToNull(text(r, field));
    return c == null ? null : c.trim().toUpperCase(Locale.ROOT);
  }

  /** Providers' scores and confidences are finite and not negative (G2 0-100, SwanAI 0-1). */
  private static @Nullable Double score(JsonNode r, String field) {
    Double v = doubleValue(r, field);
    if (v != null && (!Double.isFinite(v) || v < 0)) {
      throw new BadRecordException(field, "expected a finite score of at least 0, got " + v);
    }
    return v;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
