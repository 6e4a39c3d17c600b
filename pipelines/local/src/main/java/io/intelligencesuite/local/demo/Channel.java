package io.intelligencesuite.local.demo;

/** How a session arrived: what GA4 stores in traffic_source and collected_traffic_source. */
record Channel(String source, String medium, String campaign, String referrer) {
  static final Channel DIRECT = new Channel("(direct)", "(none)", null, null);

  /**
   * The paid campaigns, once: GA4 traffic carries them as utm_campaign and {@link SpendWriter} pays
   * for them (Google Ads: google / cpc; Meta and LinkedIn: paid_social on these networks).
   */
  static final String[] PAID_SEARCH_CAMPAIGNS = {
    "school_mgmt_brand",
    "school_mgmt_generic",
    "attendance_software",
    "gradebook_software",
    "competitor_conquest"
  };

  static final String[] PAID_SOCIAL_CAMPAIGNS = {"back_to_school", "teacher_appreciation"};
  static final String[] SOCIAL_NETWORKS = {"facebook", "linkedin", "instagram"};

  /** The first-touch name GA4 writes to traffic_source.name. */
  String trafficSourceName() {
    if (campaign != null) {
      return campaign;
    }
    return switch (medium) {
      case "organic" -> "(organic)";
      case "referral" -> "(referral)";
      case "(none)" -> "(direct)";
      default -> "(not set)";
    };
  }

  /** Whether the landing URL carried utm parameters (then collected_traffic_source is filled). */
  boolean tagged() {
    return campaign != null;
  }

  /** The lead form's "source" field: a coarse channel name. */
  String channelGroup() {
    return switch (medium) {
      case "cpc" -> "paid_search";
      case "organic" -> "organic_search";
      case "referral" -> "referral";
      case "email" -> "email";
      case "social", "paid_social" -> "social";
      default -> "direct";
    };
  }

  static Channel random(Rng rng, double paidShare) {
    double[] w = {0.30, paidShare, 0.12, 0.08, 0.22, 0.10};
    switch (rng.weighted(w)) {
      case 0:
        return new Channel(
            rng.chance(0.9) ? "google" : "bing", "organic", null, "https://www.google.com/");
      case 1:
        return new Channel(
            "google", "cpc", rng.pick(PAID_SEARCH_CAMPAIGNS), "https://www.google.com/");
      case 2:
        String ref =
            rng.pick(
                new String[] {
                  "capterra.com", "g2.com", "edtechreview.in", "schoolleaders.org", "reddit.com"
                });
        return new Channel(ref, "referral", null, "https://www." + ref + "/");
      case 3:
        return new Channel(
            "newsletter",
            "email",
            rng.pick(new String[] {"nurture_trial_tips", "monthly_newsletter", "webinar_invite"}),
            null);
      case 4:
        return DIRECT;
      default:
        boolean paid = rng.chance(0.4);
        String net = rng.pick(SOCIAL_NETWORKS);
        return new Channel(
            net,
            paid ? "paid_social" : "social",
            paid ? rng.pick(PAID_SOCIAL_CAMPAIGNS) : null,
            "https://www." + net + ".com/");
    }
  }
}
