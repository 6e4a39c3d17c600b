package io.intelligencesuite.schemas;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of company-size bands (dim_company.segment, metric_monthly's {@code size:} segment),
 * and the rule that maps both kinds of source value onto it: the backend's own labels (small /
 * medium / large school, district) and an enrichment provider's employee range ("1-19", "20-49",
 * "100-499", "500+"). A school's staff is the product's natural seat count, so the bands are
 * employee counts; the backend's labels (by students, about 11 to 18 students a staff member) name
 * the same three sizes.
 */
public final class SizeBands {
  private SizeBands() {}

  /** One band: its name and the employees it covers ({@code maxEmployees} inclusive). */
  public record Band(String name, int minEmployees, int maxEmployees, List<String> labels) {}

  public static final Band SMALL = new Band("small", 1, 19, List.of("small", "small school"));
  public static final Band MEDIUM = new Band("medium", 20, 99, List.of("medium", "medium school"));
  public static final Band LARGE =
      new Band("large", 100, Integer.MAX_VALUE, List.of("large", "large school", "district"));

  /** Every band, smallest first. */
  public static final List<Band> BANDS = List.of(SMALL, MEDIUM, LARGE);

  /** "20-49", "20 - 49", "500+", "10,000+", "1000": a number, then a range's upper end or '+'. */
  private static final Pattern EMPLOYEES =
      Pattern.compile("^([0-9][0-9,]*)\\s*(?:(?:-|–|to)\\s*[0-9][0-9,]*|\\+)?$");

  /**
   * The band of a source value: a backend label by name (case and spaces ignored), an employee
   * range by its lower end (the range "50-99" is medium, "100-499" large), a plain count by itself;
   * null when the value is empty or names no band (the segment then says size:unknown).
   */
  public static String of(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (Band b : BANDS) {
      if (b.labels().contains(v)) {
        return b.name();
      }
    }
    Matcher m = EMPLOYEES.matcher(v);
    if (!m.matches()) {
      return null;
    }
    long employees;
    try {
      employees = Long.parseLong(m.group(1).replace(",", ""));
    } catch (NumberFormatException tooLong) {
      return LARGE.name();
    }
    for (Band b : BANDS) {
      if (employees <= b.maxEmployees()) {
        return b.name();
      }
    }
    return LARGE.name();
  }
}
