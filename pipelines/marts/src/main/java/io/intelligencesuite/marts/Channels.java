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

  /** A session that arrived through a channel other than direct, and when it started. */
  public record Click(long atMillis, String channel) implements java.io.Serializable {}

  /**
   * The attribution rule (last non-direct click, GA4's default for conversions): a lead (or any
   * conversion at {@code atMillis}) goes to the channel of the person's last non-direct session
   * that started at or before it; without one, to the channel its own UTM tags name ({@code own}),
   * which is direct when the form carried none. Ties on the start go to the smaller channel name,
   * so reruns agree.
   */
  public static String lastNonDirectClick(Iterable<Click> sessions, long atMillis, String own) {
    Click last = null;
    for (Click c : sessions) {
      if (c.atMillis() <= atMillis
          && !DIRECT.equals(c.channel())
          && (last == null
              || c.atMillis() > last.atMillis()
              || (c.atMillis() == last.atMillis() && c.channel().compareTo(last.channel()) < 0))) {
        last = c;
      }
    }
    return last == null ? own : last.channel();
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }
}
