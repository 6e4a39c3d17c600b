package io.intelligencesuite.sources.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.CsvRecords;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One spend record -> one {@code marketing_spend} row, whichever way it came. A record is a JSON
 * object: {@code {"source": "google_ads_transfer", "date", "campaign_id", "campaign",
 * "cost_micros", "clicks", "impressions", "currency"}} (a campaign-day of the transfer, its
 * segments summed) or {@code {"source": "csv", "record": {the CSV row's cells}}}. Bad records (a
 * missing day, a negative cost, a currency that is not IS 4217, a network nobody mapped) are dead
 * letters naming the field.
 */
public final class SpendRecords {
  public static final String GOOGLE_ADS = "google_ads_transfer";
  public static final String CSV = "csv";

  /** Key of a CSV row that does not fit its header: {@code {"field", "reason"}}. */
  static final String CSV_ERROR = "csv_error";

  /**
   * The channel each network's paid clicks arrive in, in the marts' channel names (marts Channels:
   * utm_medium cpc -> paid_search, paid_social -> social), so spend and the customers it bought
   * meet on one channel. A network not listed is a dead letter naming this map.
   */
  static final Map<String, String> CHANNEL_OF_NETWORK =
      Map.of(
          "google_ads", "paid_search",
          "bing_ads", "paid_search",
          "meta", "social",
          "facebook", "social",
          "instagram", "social",
          "linkedin", "social");

  private SpendRecords() {}

  /** A Google Ads campaign-day as a record. */
  static String googleAds(
      String customerId,
      long campaignId,
      LocalDate date,
      @Nullable String campaignName,
      String currency,
      long costMicros,
      long clicks,
      long impressions) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("source", GOOGLE_ADS);
    r.put("customer_id", customerId);
    r.put("campaign_id", Long.toString(campaignId));
    r.put("date", date.toString());
    r.put("campaign", campaignName);
    r.put("currency", currency);
    r.put("cost_micros", costMicros);
    r.put("clicks", clicks);
    r.put("impressions", impressions);
    return r.toString();
  }

  /** A transfer row that cannot be summed (a key or metric missing or negative), as it was. */
  static String googleAdsRow(String customerId, Row stats, String currency) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("source", GOOGLE_ADS);
    r.put("customer_id", customerId);
    Long campaign = stats.getInt64("campaign_id");
    r.put("campaign_id", campaign == null ? null : campaign.toString());
    Object date = stats.getValue("segments_date");
    r.put("date", date == null ? null : date.toString());
    r.put("currency", currency);
    r.put("cost_micros", stats.getInt64("metrics_cost_micros"));
    r.put("clicks", stats.getInt64("metrics_clicks"));
    r.put("impressions", stats.getInt64("metrics_impressions"));
    return r.toString();
  }

  /** A CSV row as a record; a row that does not fit the header carries {@link #CSV_ERROR}. */
  static String csv(CsvRecords.Row row) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("source", CSV);
    ObjectNode cells = r.putObject("record");
    row.cells().forEach(cells::put);
    if (row.problem() != null) {
      r.putObject(CSV_ERROR).put("field", row.problemField()).put("reason", row.problem());
    }
    return r.toString();
  }

  public static Row parse(String json) {
    JsonNode w = Json.parse(json);
    String source = Json.requiredText(w, "source");
    switch (source) {
      case GOOGLE_ADS:
        return row(
            GOOGLE_ADS,
            "google_ads",
            date(w, "date"),
            Json.requiredText(w, "campaign_id"),
            blankToNull(Json.text(w, "campaign")),
            currency(w, "currency"),
            nonNegative(Json.requiredLong(w, "cost_micros"), "cost_micros"),
            nonNegative(Json.longValue(w, "clicks"), "clicks"),
            nonNegative(Json.longValue(w, "impressions"), "impressions"));
      case CSV:
        return csvRow(w);
      default:
        throw new BadRecordException("source", "unknown spend source '" + source + "'");
    }
  }

  private static Row csvRow(JsonNode w) {
    JsonNode csvError = w.get(CSV_ERROR);
    if (csvError != null) {
      throw new BadRecordException(Json.text(csvError, "field"), Json.text(csvError, "reason"));
    }
    JsonNode r = w.get("record");
    if (r == null || !r.isObject()) {
      throw new BadRecordException("record", "is required but missing");
    }
    String campaign = Json.requiredText(r, "campaign").trim();
    return row(
        CSV,
        Json.requiredText(r, "network").trim().toLowerCase(Locale.ROOT),
        date(r, "date"),
        campaign,
        campaign,
        currency(r, "currency"),
        micros(Json.requiredText(r, "cost").trim()),
        nonNegative(count(r, "clicks"), "clicks"),
        nonNegative(count(r, "impressions"), "impressions"));
  }

  private static Row row(
      String source,
      String network,
      LocalDate date,
      String campaignId,
      @Nullable String campaign,
      String currency,
      long costMicros,
      @Nullable Long clicks,
      @Nullable Long impressions) {
    String channel = CHANNEL_OF_NETWORK.get(network);
    if (channel == null) {
      throw new BadRecordException(
          "network",
          "no channel for network '"
              + network
              + "'; known: "
              + new java.util.TreeSet<>(CHANNEL_OF_NETWORK.keySet())
              + " (add it to SpendRecords.CHANNEL_OF_NETWORK)");
    }
    return RowBuilder.of(Tables.MARKETING_SPEND)
        .set("date", date)
        .set("network", network)
        .set("campaign_id", campaignId)
        .set("campaign", campaign)
        .set("channel", channel)
        .set("currency", currency)
        .set("cost_micros", costMicros)
        .set("clicks", clicks)
        .set("impressions", impressions)
        .set("source", source)
        .build();
  }

  private static LocalDate date(JsonNode node, String field) {
    String s = Json.requiredText(node, field).trim();
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new BadRecordException(field, "expected a YYYY-MM-DD date, got '" + s + "'");
    }
  }

  private static String currency(JsonNode node, String field) {
    return Json.isoCurrency(Json.requiredText(node, field).trim(), field).toLowerCase(Locale.ROOT);
  }

  /** "12.5" -> 12500000 exactly (no binary rounding); more than 6 decimals or negative refused. */
  static long micros(String cost) {
    BigDecimal units;
    try {
      units = new BigDecimal(cost);
    } catch (NumberFormatException e) {
      throw new BadRecordException(
          "cost", "expected a decimal amount (e.g. 12.50), got '" + cost + "'");
    }
    if (units.signum() < 0) {
      throw new BadRecordException("cost", "must not be negative, got " + cost);
    }
    try {
      return units.movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new BadRecordException(
          "cost", "has more than 6 decimals or is too large: '" + cost + "'");
    }
  }

  /** A count cell: blank is unknown (null); "1,234" is not accepted (the CSV's own comma). */
  private static @Nullable Long count(JsonNode node, String field) {
    String s = Json.text(node, field);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new BadRecordException(field, "expected a whole number, got '" + s.trim() + "'");
    }
  }

  private static long nonNegative(long v, String field) {
    return Json.nonNegative(v, field);
  }

  private static @Nullable Long nonNegative(@Nullable Long v, String field) {
    return Json.nonNegative(v, field);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
