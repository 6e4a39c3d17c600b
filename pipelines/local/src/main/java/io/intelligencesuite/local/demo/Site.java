package io.intelligencesuite.local.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The demo company's marketing site: pages, titles, and where each channel lands. */
final class Site {
  static final String HOST = "https://www.classharbor.example";

  static final Map<String, String> TITLES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("/", "ClassHarbor | School management software"),
              Map.entry("/features/attendance", "Attendance tracking | ClassHarbor"),
              Map.entry("/features/gradebook", "Online gradebook | ClassHarbor"),
              Map.entry("/features/timetable", "Timetable builder | ClassHarbor"),
              Map.entry("/features/parent-portal", "Parent portal | ClassHarbor"),
              Map.entry("/features/billing", "School fees and billing | ClassHarbor"),
              Map.entry("/pricing", "Pricing | ClassHarbor"),
              Map.entry("/customers", "Customer stories | ClassHarbor"),
              Map.entry(
                  "/blog/attendance-policies",
                  "5 attendance policies that work | ClassHarbor blog"),
              Map.entry("/blog/report-cards", "Report cards parents read | ClassHarbor blog"),
              Map.entry("/blog/timetabling-tips", "Timetabling without tears | ClassHarbor blog"),
              Map.entry(
                  "/lp/school-management-software",
                  "All-in-one school management software | ClassHarbor"),
              Map.entry("/webinar", "Live demo webinar | ClassHarbor"),
              Map.entry("/demo", "Book a demo | ClassHarbor"),
              Map.entry("/resources/school-admin-guide", "The school admin's guide | ClassHarbor"),
              Map.entry("/signup", "Start your free trial | ClassHarbor"),
              Map.entry("/login", "Log in | ClassHarbor"),
              Map.entry("/app/dashboard", "Dashboard | ClassHarbor"),
              Map.entry("/careers", "Careers | ClassHarbor"),
              Map.entry("/help", "Help centre | ClassHarbor")));

  static final List<String> BROWSE =
      List.of(
          "/features/attendance",
          "/features/gradebook",
          "/features/timetable",
          "/features/parent-portal",
          "/features/billing",
          "/pricing",
          "/customers",
          "/",
          "/pricing",
          "/blog/report-cards");

  private Site() {}

  static String landing(Rng rng, Channel ch) {
    return switch (ch.medium()) {
      case "cpc" -> "/lp/school-management-software";
      case "organic" ->
          rng.pick(
              new String[] {
                "/",
                "/features/attendance",
                "/features/gradebook",
                "/blog/attendance-policies",
                "/blog/report-cards",
                "/blog/timetabling-tips",
                "/features/timetable"
              });
      case "email" -> rng.pick(new String[] {"/webinar", "/blog/report-cards", "/pricing"});
      case "referral" -> rng.pick(new String[] {"/", "/pricing", "/customers"});
      default -> rng.pick(new String[] {"/", "/", "/pricing", "/features/attendance"});
    };
  }

  static String url(String path, Channel ch, boolean landing, String gclid) {
    if (landing && ch.tagged()) {
      String q =
          "?utm_source="
              + ch.source()
              + "&utm_medium="
              + ch.medium()
              + "&utm_campaign="
              + ch.campaign();
      if (ch.medium().equals("cpc")) {
        q += "&gclid=" + gclid;
      }
      return HOST + path + q;
    }
    return HOST + path;
  }
}
