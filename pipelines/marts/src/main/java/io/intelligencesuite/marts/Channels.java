package io.intelligencesuite.marts;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The acquisition channel of a visit or a lead, from its UTM source / medium and, for untagged
 * visits, the referrer: a small version of GA4's default channel grouping, defined once for
 * dim_customer, fact_trial and fact_lead.
 */
public final class Channels {
  public static final String DIRECT = "direct";
  private static final Set<String> SEARCH_ENGINES =
      Set.of("google", "bing", "duckduckgo", "yahoo", "baidu", "yandex", "ecosia");

  private Channels() {}

  /** paid_search, organic_search, social, email, referral or direct. */
  public static String of(@Nullable String source, @Nullable String medium, @Nullable String referrer) {
    String m = lower(medium);
    switch (m) {
      case "cpc", "ppc", "paid", "paidsearch", "paid_search" -> {
        return "paid_search";
      }
      case "organic" -> {
        return "organic_search";
      }
      case "email", "e-mail", "newsletter" -> {
        return "email";
      }
      case "social", "paid_social", "social-network", "social_media" -> {
        return "social";
      }
      case "referral" -> {
        return "referral";
      }
      default -> { }
    }
    String host = host(referrer);
    if (host.isEmpty()) {
      host = lower(source);
    }
    if (host.isEmpty() || host.equals("(direct)")) {
      return DIRECT;
    }
    for (String engine : SEARCH_ENGINES) {
      if (host.equals(engine) || host.contains("." + engine + ".") || host.startsWith(engine + ".")) {
        return "organic_search";
      }
    }
    return "referral";
  }

  private static String host(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return "";
    }
    try {
      String h = URI.create(url.trim()).getHost();
      return h == null ? "" : h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }
}
