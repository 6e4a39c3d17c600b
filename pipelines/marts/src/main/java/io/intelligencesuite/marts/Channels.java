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
  // An untagged visit from a social network is social, not referral, as in GA4's default grouping.
  private static final Set<String> SOCIAL_NETWORKS =
      Set.of("facebook", "instagram", "linkedin", "twitter");

  /** Hosts too short to match by name: X and its link shortener. */
  private static final Set<String> SOCIAL_HOSTS = Set.of("x.com", "t.co");

  private Channels() {}

  /** paid_search, organic_search, social, email, referral or direct. */
  public static String of(
      @Nullable String source, @Nullable String medium, @Nullable String referrer) {
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
      default -> {}
    }
    String referrerHost = host(referrer);
    String host = referrerHost.isEmpty() ? lower(source) : referrerHost;
    if (host.isEmpty() || host.equals("(direct)")) {
      return DIRECT;
    }
    if (SOCIAL_HOSTS.contains(host) || SOCIAL_NETWORKS.stream().anyMatch(n -> names(host, n))) {
      return "social";
    }
    if (SEARCH_ENGINES.stream().anyMatch(engine -> names(host, engine))) {
      return "organic_search";
    }
    return "referral";
  }

  /** Whether the host (or a bare source name) is the site: google, google.com, www.google.co.uk. */
  private static boolean names(String host, String site) {
    return host.equals(site) || host.contains("." + site + ".") || host.startsWith(site + ".");
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
