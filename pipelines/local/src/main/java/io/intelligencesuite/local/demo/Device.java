package io.intelligencesuite.local.demo;

/** A browser on a device: one GA4 user_pseudo_id. */
final class Device {
  final String pseudoId;
  final String category;
  final String os;
  final String osVersion;
  final String browser;
  final String browserVersion;
  final String brand;
  final String language;

  /** Set on the first session. */
  long firstTouchMicros = -1;

  int sessions;

  /** Backend user id once the person logged in on this device (GA4 user_id). */
  String loggedInUserId;

  /** First-touch acquisition (GA4 traffic_source), fixed at the first session. */
  Channel firstChannel;

  Device(
      String pseudoId,
      String category,
      String os,
      String osVersion,
      String browser,
      String browserVersion,
      String brand,
      String language) {
    this.pseudoId = pseudoId;
    this.category = category;
    this.os = os;
    this.osVersion = osVersion;
    this.browser = browser;
    this.browserVersion = browserVersion;
    this.brand = brand;
    this.language = language;
  }

  static Device random(Rng rng, String language, boolean mobile) {
    String pseudo =
        rng.between(100_000_000, 2_099_999_999) + "." + rng.between(1_600_000_000, 1_790_000_000);
    if (mobile) {
      boolean ios = rng.chance(0.55);
      return new Device(
          pseudo,
          rng.chance(0.85) ? "mobile" : "tablet",
          ios ? "iOS" : "Android",
          ios
              ? rng.pick(new String[] {"17.6", "18.1", "18.5"})
              : rng.pick(new String[] {"13", "14", "15"}),
          ios ? "Safari" : "Chrome",
          ios ? "18.0" : "131.0",
          ios ? "Apple" : rng.pick(new String[] {"Samsung", "Google", "Xiaomi"}),
          language);
    }
    boolean mac = rng.chance(0.3);
    String browser =
        rng.pick(new String[] {"Chrome", "Chrome", "Chrome", "Edge", "Safari", "Firefox"});
    if (browser.equals("Safari") && !mac) {
      browser = "Chrome";
    }
    return new Device(
        pseudo,
        "desktop",
        mac ? "Macintosh" : "Windows",
        mac ? "14.5" : "10",
        browser,
        switch (browser) {
          case "Edge" -> "130.0";
          case "Safari" -> "17.5";
          case "Firefox" -> "132.0";
          default -> "131.0";
        },
        mac ? "Apple" : "Microsoft",
        language);
  }
}
