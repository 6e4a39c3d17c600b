package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One visit to the marketing site (and the app's login page), as the simulation planned it. The GA4
 * writer turns it into export rows; SwanAI identifies some of them.
 */
final class WebSession {
  /** A conversion event fired on page {@code pageIndex}. */
  record Conversion(int pageIndex, String eventName, String detail) {}

  final Device device;

  /** Null for anonymous traffic that never becomes anyone the simulation tracks. */
  final Person person;

  final long start;
  final Channel channel;
  final List<String> pages = new ArrayList<>();
  final List<Conversion> conversions = new ArrayList<>();

  /** user_id carried from the first event (device already logged in), or null. */
  String userIdFromStart;

  /** user_id set from the login / sign_up event on. */
  String userIdAfterConversion;

  /** Google Ads click id on paid-search landings. */
  String gclid;

  int sessionNumber;

  /** Page URLs as GA4 records them, filled by the GA4 writer on first use. */
  String[] urls;

  /** Rendered page/session event_params, per page and INT64 style (GA4 writer cache). */
  String[] paramPrefix;

  boolean firstVisit;
  long firstTouchMicros;
  Channel firstChannel;

  WebSession(Device device, Person person, long start, Channel channel) {
    this.device = device;
    this.person = person;
    this.start = start;
    this.channel = channel;
  }

  /**
   * A new session of {@code d} at {@code t} (seconds): counts it on the device, fixes the device's
   * first touch on its first session, and draws a Google Ads click id on paid-search landings.
   */
  static WebSession begin(Device d, Person p, long t, Channel ch, Rng r) {
    WebSession s = new WebSession(d, p, t, ch);
    d.sessions++;
    s.sessionNumber = d.sessions;
    if (d.firstTouchMicros < 0) {
      d.firstTouchMicros = t * 1_000_000L + r.nextLong(1_000_000);
      d.firstChannel = ch;
      s.firstVisit = true;
    }
    s.firstTouchMicros = d.firstTouchMicros;
    s.firstChannel = d.firstChannel;
    if (ch.medium().equals("cpc")) {
      s.gclid = "Cj0KCQ" + r.alnum(20);
    }
    return s;
  }

  /** GA4's ga_session_id is the session start in epoch seconds. */
  long sessionId() {
    return start;
  }
}
