package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ga4/events_YYYYMMDD.ndjson: the GA4 BigQuery export of the marketing site, one file per
 * day, rows in the export's column order (see realdata/ga4). It replays the tracked sessions from
 * the simulation and adds the anonymous traffic every site gets (students, parents, job seekers,
 * competitors), which is the bulk of the rows.
 *
 * <p>The export's quirks are planted on purpose and counted for truth/: some files carry INT64 as
 * JSON strings (as {@code bq extract} writes them), about 1% of rows are exact duplicates, a few
 * rows from the last hours of a day land in the next day's file, and user_id appears only from the
 * login or sign_up event on.
 */
final class Ga4Writer {
  static final String STREAM_ID = "4178852930";
  private static final double DUPLICATE_SHARE = 0.01;
  private static final double LATE_SHARE = 0.015; // of rows in the last three hours of a day

  private final World world;
  private final Rng rng;
  private final OutputFiles out;
  private final List<Device> returning = new ArrayList<>();
  long rowsWritten;
  long events;
  long duplicates;
  long lateRows;
  final List<String> stringInt64Files = new ArrayList<>();

  /** One row waiting for its file; rendered when the file is written (INT64 style is per file). */
  private record Row(WebSession session, Ev event, boolean late) {}

  Ga4Writer(World world, Rng rng, OutputFiles out) {
    this.world = world;
    this.rng = rng;
    this.out = out;
  }

  /** One day's file, rendered in memory and written at once (reused across days). */
  private final StringBuilder buffer = new StringBuilder(1 << 20);

  void write() throws IOException {
    int days = (int) ((SimCalendar.AS_OF - SimCalendar.START) / SimCalendar.DAY);
    // Which daily files render INT64 as strings (bq extract) and which as numbers.
    boolean[] stringDays = new boolean[days];
    for (int i = 0; i < days; i++) {
      stringDays[i] = rng.chance(0.35);
    }
    int next = 0;
    List<WebSession> tracked = world.sessions;
    List<Row> carry = new ArrayList<>(); // rows for the next day's file
    for (int di = 0; di < days; di++) {
      long day = SimCalendar.START + di * SimCalendar.DAY;
      boolean lastDay = di == days - 1;
      List<WebSession> today = new ArrayList<>();
      while (next < tracked.size() && tracked.get(next).start < day + SimCalendar.DAY) {
        today.add(tracked.get(next++));
      }
      today.addAll(anonymousSessions(day));
      today.sort(java.util.Comparator.comparingLong((WebSession s) -> s.start));
      List<Row> file = carry;
      carry = new ArrayList<>();
      for (WebSession s : today) {
        for (Ev e : expand(s)) {
          if (e.micros() >= SimCalendar.AS_OF * 1_000_000L) {
            continue;
          }
          // Rows of a session that runs past midnight belong to the next day (their event_date).
          boolean nextDay = e.micros() >= (day + SimCalendar.DAY) * 1_000_000L;
          boolean late =
              !nextDay
                  && !lastDay
                  && e.micros() >= (day + 21 * SimCalendar.HOUR) * 1_000_000L
                  && rng.chance(LATE_SHARE);
          events++;
          Row row = new Row(s, e, late);
          List<Row> target = nextDay || late ? carry : file;
          target.add(row);
          if (rng.chance(DUPLICATE_SHARE)) {
            duplicates++;
            target.add(row);
          }
        }
      }
      String name = "ga4/events_" + SimCalendar.yyyymmdd(day) + ".ndjson";
      boolean asString = stringDays[di];
      if (asString) {
        stringInt64Files.add(name);
      }
      buffer.setLength(0);
      for (Row r : file) {
        toJson(buffer, r.session, r.event, asString);
        buffer.append('\n');
        if (r.late) {
          lateRows++;
        }
      }
      // Rows are (almost always) ASCII: String.getBytes is a plain copy then, much cheaper than
      // streaming chars through a Writer's encoder.
      out.writeBytes(name, buffer.toString().getBytes(StandardCharsets.UTF_8));
      out.count(name, file.size());
      rowsWritten += file.size();
    }
  }

  // ---------------------------------------------------------------- anonymous traffic

  private List<WebSession> anonymousSessions(long day) {
    int m = SimCalendar.monthIndex(day);
    int dow = SimCalendar.date(day).getDayOfWeek().getValue();
    double mean = 28.0 * world.scale * (1 + 0.03 * m) * (dow >= 6 ? 0.55 : 1.1);
    // Back-to-school peaks (August/September and January) show up in every school SaaS.
    int month = SimCalendar.date(day).getMonthValue();
    if (month == 8 || month == 9 || month == 1) {
      mean *= 1.3;
    }
    int n = rng.poisson(mean);
    List<WebSession> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Device d;
      if (!returning.isEmpty() && rng.chance(0.28)) {
        d = returning.get(rng.between(0, returning.size() - 1));
      } else {
        Geography.Country c = Geography.pickCountry(rng);
        d = Device.random(rng, c.code().equals("GR") ? "el-gr" : "en-us", rng.chance(0.4));
        d.firstChannel = null;
        anonymousGeo.put(d.pseudoId, new String[] {c.code(), rng.pick(c.cities())[0]});
        if (returning.size() < 4000) {
          returning.add(d);
        } else {
          returning.set(rng.between(0, returning.size() - 1), d);
        }
      }
      long t = day + (long) (SimCalendar.DAY * dayCurve(rng.uniform()));
      Channel ch = Channel.random(rng, 0.12);
      WebSession s = WebSession.begin(d, null, t, ch, rng);
      s.pages.add(Site.landing(rng, ch));
      int pages = rng.poisson(1.3);
      for (int k = 0; k < pages; k++) {
        s.pages.add(rng.chance(0.1) ? "/careers" : rng.pick(Site.BROWSE));
      }
      if (rng.chance(0.01)) {
        // Some forms are started and abandoned.
        s.conversions.add(
            new WebSession.Conversion(s.pages.size() - 1, "form_start", "demo_request"));
      }
      list.add(s);
    }
    return list;
  }

  private final java.util.Map<String, String[]> anonymousGeo = new java.util.HashMap<>();

  /** Time-of-day shape (UTC): quiet at night, busy in working hours across US and Europe. */
  private static double dayCurve(double u) {
    return 0.25 + 0.7 * u;
  }

  // ---------------------------------------------------------------- session -> events

  /** One export row before serialisation. */
  /**
   * One event of a session as the export writes it: engagementMs only on user_engagement, detail
   * (form, method) only on conversions.
   */
  private record Ev(
      String name,
      long micros,
      int page,
      String userId,
      int orderingId,
      int indexInBatch,
      long engagementMs,
      String detail) {
    /** An event with neither engagement time nor detail. */
    static Ev of(String name, long micros, int page, String userId, int ordering, int idx) {
      return new Ev(name, micros, page, userId, ordering, idx, 0, null);
    }
  }

  private List<Ev> expand(WebSession s) {
    List<Ev> evs = new ArrayList<>();
    long t = s.start * 1_000_000L + rng.nextLong(1_000_000);
    if (s.firstVisit) {
      t = s.firstTouchMicros; // first_visit is the first touch, to the microsecond
    }
    String userId = s.userIdFromStart;
    int ordering = 1;
    for (int p = 0; p < s.pages.size(); p++) {
      int idx = 0;
      if (p == 0) {
        if (s.firstVisit) {
          evs.add(Ev.of("first_visit", t, p, userId, ordering, idx++));
        }
        evs.add(Ev.of("session_start", t, p, userId, ordering, idx++));
      }
      evs.add(Ev.of("page_view", t, p, userId, ordering, idx));
      long dwell = (long) ((4 + rng.uniform() * rng.uniform() * 170) * 1_000_000L);
      long cursor = t;
      for (WebSession.Conversion c : s.conversions) {
        if (c.pageIndex() != p) {
          continue;
        }
        cursor += (long) (rng.uniform(5, 40) * 1_000_000L);
        ordering++;
        if (c.eventName().equals("sign_up") || c.eventName().equals("login")) {
          userId = s.userIdAfterConversion;
        }
        evs.add(new Ev(c.eventName(), cursor, p, userId, ordering, 0, 0, c.detail()));
      }
      long leave = Math.max(cursor + 1_000_000L, t + dwell);
      if (rng.chance(0.72)) {
        ordering++;
        evs.add(new Ev("user_engagement", leave, p, userId, ordering, 0, (leave - t) / 1000, null));
      }
      t = leave + (long) (rng.uniform(0.5, 3) * 1_000_000L);
      ordering++;
    }
    return evs;
  }

  // ---------------------------------------------------------------- serialisation
  //
  // Rows are rendered by hand into a StringBuilder: the row shape is fixed, every string is ours,
  // and Jackson's per-row generator cost was most of the generation time. The parts that do not
  // change within a session (device, geo, first-touch source) are rendered once per session.

  private void toJson(StringBuilder b, WebSession s, Ev e, boolean asString) {
    long eventDay = Math.floorDiv(e.micros(), 86_400_000_000L) * SimCalendar.DAY;
    if (eventDay != cachedDay) {
      cachedDay = eventDay;
      cachedDate = SimCalendar.yyyymmdd(eventDay);
    }
    b.append("{\"event_date\":\"").append(cachedDate).append('"');
    int64(b, "event_timestamp", e.micros(), asString);
    str(b, "event_name", e.name());
    b.append(",\"event_params\":[");
    params(b, s, e, asString);
    b.append(']');
    b.append(",\"event_previous_timestamp\":null,\"event_value_in_usd\":null");
    int64(b, "event_bundle_sequence_id", (s.start % 1_000_000_000L) * 3 + e.orderingId(), asString);
    b.append(",\"event_server_timestamp_offset\":null");
    str(b, "user_id", e.userId());
    b.append(sessionPart(s, asString));
    if (e.page() == 0 && s.channel.tagged() && !e.name().equals("user_engagement")) {
      b.append(",\"collected_traffic_source\":{\"manual_campaign_id\":null");
      str(b, "manual_campaign_name", s.channel.campaign());
      str(b, "manual_source", s.channel.source());
      str(b, "manual_medium", s.channel.medium());
      b.append(
          ",\"manual_term\":null,\"manual_content\":null,\"manual_source_platform\":null,"
              + "\"manual_creative_format\":null,\"manual_marketing_tactic\":null");
      str(b, "gclid", s.gclid);
      b.append(",\"dclid\":null,\"srsltid\":null}");
    } else {
      b.append(",\"collected_traffic_source\":null");
    }
    int64(b, "batch_event_index", e.indexInBatch(), asString);
    int64(b, "batch_ordering_id", e.orderingId(), asString);
    int64(b, "batch_page_id", s.start % 100_000_000L * 10 + e.page() + 1, asString);
    b.append('}');
  }

  private long cachedDay = -1;
  private String cachedDate;
  private WebSession cachedSession;
  private final String[] cachedPart = new String[2];

  /** user_pseudo_id .. items: constant for all rows of a session (per INT64 rendering). */
  private String sessionPart(WebSession s, boolean asString) {
    if (cachedSession != s) {
      cachedSession = s;
      cachedPart[0] = null;
      cachedPart[1] = null;
    }
    int k = asString ? 1 : 0;
    if (cachedPart[k] == null) {
      StringBuilder b = new StringBuilder(1000);
      str(b, "user_pseudo_id", s.device.pseudoId);
      b.append(
          ",\"privacy_info\":{\"analytics_storage\":null,\"ads_storage\":null,\"uses_transient_token\":\"No\"}");
      b.append(",\"user_properties\":[]");
      int64(b, "user_first_touch_timestamp", s.firstTouchMicros, asString);
      b.append(",\"user_ltv\":null");
      device(b, s.device);
      geo(b, s);
      b.append(",\"app_info\":null");
      Channel first = s.firstChannel == null ? s.channel : s.firstChannel;
      b.append(",\"traffic_source\":{");
      b.append("\"medium\":");
      quote(b, first.medium());
      str(b, "name", first.trafficSourceName());
      str(b, "source", first.source());
      b.append('}');
      if (asString) {
        str(b, "stream_id", STREAM_ID);
      } else {
        b.append(",\"stream_id\":").append(STREAM_ID);
      }
      b.append(",\"platform\":\"WEB\",\"event_dimensions\":null,\"ecommerce\":null,\"items\":[]");
      cachedPart[k] = b.toString();
    }
    return cachedPart[k];
  }

  private void params(StringBuilder b, WebSession s, Ev e, boolean asString) {
    String path = s.pages.get(e.page());
    boolean landing = e.page() == 0;
    if (s.urls == null) {
      s.urls = new String[s.pages.size()];
      for (int i = 0; i < s.urls.length; i++) {
        s.urls[i] = Site.url(s.pages.get(i), s.channel, i == 0, s.gclid);
      }
    }
    // The page and session params are the same for every event on a page: render them once.
    boolean withReferrer = !e.name().equals("user_engagement");
    int key = e.page() * 4 + (asString ? 2 : 0) + (withReferrer ? 1 : 0);
    if (s.paramPrefix == null) {
      s.paramPrefix = new String[s.pages.size() * 4];
    }
    if (s.paramPrefix[key] == null) {
      StringBuilder pb = new StringBuilder(600);
      String location = s.urls[e.page()];
      String title = Site.TITLES.getOrDefault(path, "ClassHarbor");
      String referrer = landing ? s.channel.referrer() : s.urls[e.page() - 1];
      strParam(pb, true, "page_location", location);
      strParam(pb, false, "page_title", title);
      if (referrer != null && withReferrer) {
        strParam(pb, false, "page_referrer", referrer);
      }
      intParam(pb, "ga_session_id", s.sessionId(), asString);
      intParam(pb, "ga_session_number", s.sessionNumber, asString);
      s.paramPrefix[key] = pb.toString();
    }
    b.append(s.paramPrefix[key]);
    switch (e.name()) {
      case "session_start" -> strParam(b, false, "session_engaged", "1");
      case "page_view" -> {
        intParam(b, "engaged_session_event", 1, asString);
        if (landing) {
          intParam(b, "entrances", 1, asString);
          if (s.channel.tagged()) {
            strParam(b, false, "source", s.channel.source());
            strParam(b, false, "medium", s.channel.medium());
            strParam(b, false, "campaign", s.channel.campaign());
            if (s.gclid != null) {
              strParam(b, false, "gclid", s.gclid);
            }
          }
        }
      }
      case "user_engagement" -> {
        intParam(b, "engagement_time_msec", e.engagementMs(), asString);
        intParam(b, "engaged_session_event", 1, asString);
      }
      case "form_start" -> {
        strParam(b, false, "form_id", e.detail() + "_form");
        strParam(b, false, "form_name", e.detail());
        strParam(b, false, "form_destination", Site.HOST + path);
      }
      case "generate_lead" -> {
        strParam(b, false, "form_name", e.detail());
        strParam(b, false, "lead_source", s.channel.channelGroup());
      }
      case "sign_up", "login" -> strParam(b, false, "method", e.detail());
      default -> {}
    }
  }

  private static void strParam(StringBuilder b, boolean first, String key, String value) {
    if (!first) {
      b.append(',');
    }
    b.append("{\"key\":\"").append(key).append("\",\"value\":{\"string_value\":");
    quote(b, value);
    b.append(",\"int_value\":null,\"float_value\":null,\"double_value\":null}}");
  }

  private static void intParam(StringBuilder b, String key, long value, boolean asString) {
    b.append(",{\"key\":\"").append(key).append("\",\"value\":{\"string_value\":null");
    int64(b, "int_value", value, asString);
    b.append(",\"float_value\":null,\"double_value\":null}}");
  }

  private static void int64(StringBuilder b, String field, long v, boolean asString) {
    b.append(",\"").append(field).append("\":");
    if (asString) {
      b.append('"').append(v).append('"');
    } else {
      b.append(v);
    }
  }

  private static void str(StringBuilder b, String field, String value) {
    b.append(",\"").append(field).append("\":");
    quote(b, value);
  }

  /**
   * Appends a JSON string literal (or null). Most values need no escaping and are appended as they
   * are; the others go through Jackson's encoder.
   */
  static void quote(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        out.append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
        return;
      }
    }
    out.append(s).append('"');
  }

  private static void device(StringBuilder b, Device d) {
    b.append(",\"device\":{\"category\":");
    quote(b, d.category);
    str(b, "mobile_brand_name", d.brand);
    str(
        b,
        "mobile_model_name",
        d.category.equals("desktop")
            ? d.browser
            : d.brand.equals("Apple") ? "iPhone" : "(not set)");
    str(b, "mobile_marketing_name", d.category.equals("desktop") ? "<Other>" : "(not set)");
    b.append(",\"mobile_os_hardware_model\":null");
    str(b, "operating_system", d.os);
    str(b, "operating_system_version", d.os + " " + d.osVersion);
    b.append(",\"vendor_id\":null,\"advertising_id\":null");
    str(b, "language", d.language);
    b.append(",\"is_limited_ad_tracking\":\"No\",\"time_zone_offset_seconds\":null");
    b.append(",\"web_info\":{\"browser\":");
    quote(b, d.browser);
    str(b, "browser_version", d.browserVersion);
    b.append("}}");
  }

  private void geo(StringBuilder b, WebSession s) {
    Geography.Country country;
    String city;
    String region;
    if (s.person != null) {
      Company c = s.person.company;
      country = c.country;
      city = c.city;
      region = c.region;
    } else {
      String[] cc = anonymousGeo.get(s.device.pseudoId);
      country =
          Geography.COUNTRIES.stream()
              .filter(x -> x.code().equals(cc[0]))
              .findFirst()
              .orElseThrow();
      city = cc[1];
      region =
          country.cities().stream().filter(x -> x[0].equals(cc[1])).findFirst().orElseThrow()[1];
    }
    b.append(",\"geo\":{\"continent\":");
    quote(b, country.continent());
    str(b, "sub_continent", country.subContinent());
    str(b, "country", country.name());
    str(b, "region", region);
    str(b, "city", city);
    b.append(",\"metro\":\"(not set)\"}");
  }
}
