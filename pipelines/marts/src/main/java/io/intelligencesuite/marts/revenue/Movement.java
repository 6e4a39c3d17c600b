package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One MRR movement of a customer on a day (a fact_revenue row). at is the last change that day, for
 * timestamps such as churned_at; the row itself is per day.
 */
public record Movement(
    String movementId,
    String customerId,
    LocalDate date,
    Instant at,
    String type,
    long mrrBeforeCents,
    long mrrAfterCents)
    implements Serializable {

  public static final String NEW = "new";
  public static final String EXPANSION = "expansion";
  public static final String CONTRACTION = "contraction";
  public static final String CHURN = "churn";
  public static final String REACTIVATION = "reactivation";

  /** A change due only to the exchange rate of a new service period (mrr rule 8). */
  public static final String FX = "fx";

  public long deltaCents() {
    return mrrAfterCents - mrrBeforeCents;
  }

  /** Stable id: the first 128 bits of SHA-256 over customer, date and type. */
  public static String id(String customerId, LocalDate date, String type) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((customerId + "|" + date + "|" + type).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
