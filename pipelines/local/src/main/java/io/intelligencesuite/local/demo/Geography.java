package io.intelligencesuite.local.demo;

import java.util.List;

/**
 * Where the demo company's schools and visitors are. Weights follow a DreamClass-like footprint:
 * mostly the US and UK, a European tail billed in EUR, and a scattering of English-speaking
 * international schools billed in USD.
 */
final class Geography {

  /** One country as GA4 reports it, with how Stripe bills a school there. */
  record Country(
      String code,
      String name,
      String continent,
      String subContinent,
      String currency,
      /** VAT on invoices in basis points (0 where schools are tax exempt). */
      int taxBasisPoints,
      String tld,
      double weight,
      List<String[]> cities) {}

  static final List<Country> COUNTRIES =
      List.of(
          new Country(
              "US",
              "United States",
              "Americas",
              "Northern America",
              "usd",
              0,
              "org",
              46,
              List.of(
                  new String[] {"Austin", "Texas"},
                  new String[] {"Denver", "Colorado"},
                  new String[] {"Columbus", "Ohio"},
                  new String[] {"Sacramento", "California"},
                  new String[] {"Raleigh", "North Carolina"},
                  new String[] {"Boston", "Massachusetts"},
                  new String[] {"Phoenix", "Arizona"},
                  new String[] {"Portland", "Oregon"})),
          new Country(
              "GB",
              "United Kingdom",
              "Europe",
              "Northern Europe",
              "gbp",
              2000,
              "sch.uk",
              14,
              List.of(
                  new String[] {"Manchester", "England"},
                  new String[] {"Leeds", "England"},
                  new String[] {"Bristol", "England"},
                  new String[] {"Edinburgh", "Scotland"},
                  new String[] {"Cardiff", "Wales"})),
          new Country(
              "IE",
              "Ireland",
              "Europe",
              "Northern Europe",
              "eur",
              2300,
              "ie",
              3,
              List.of(
                  new String[] {"Dublin", "County Dublin"}, new String[] {"Cork", "County Cork"})),
          new Country(
              "GR",
              "Greece",
              "Europe",
              "Southern Europe",
              "eur",
              2400,
              "gr",
              5,
              List.of(
                  new String[] {"Athens", "Attica"},
                  new String[] {"Thessaloniki", "Central Macedonia"})),
          new Country(
              "CY",
              "Cyprus",
              "Asia",
              "Western Asia",
              "eur",
              1900,
              "ac.cy",
              2,
              List.of(new String[] {"Nicosia", "Nicosia"}, new String[] {"Limassol", "Limassol"})),
          new Country(
              "NL",
              "Netherlands",
              "Europe",
              "Western Europe",
              "eur",
              2100,
              "nl",
              3,
              List.of(
                  new String[] {"Amsterdam", "North Holland"},
                  new String[] {"Utrecht", "Utrecht"})),
          new Country(
              "CA",
              "Canada",
              "Americas",
              "Northern America",
              "usd",
              0,
              "ca",
              7,
              List.of(new String[] {"Toronto", "Ontario"}, new String[] {"Calgary", "Alberta"})),
          new Country(
              "AU",
              "Australia",
              "Oceania",
              "Australasia",
              "usd",
              0,
              "edu.au",
              6,
              List.of(
                  new String[] {"Sydney", "New South Wales"},
                  new String[] {"Perth", "Western Australia"})),
          new Country(
              "AE",
              "United Arab Emirates",
              "Asia",
              "Western Asia",
              "usd",
              0,
              "ae",
              5,
              List.of(new String[] {"Dubai", "Dubai"}, new String[] {"Abu Dhabi", "Abu Dhabi"})),
          new Country(
              "IN",
              "India",
              "Asia",
              "Southern Asia",
              "usd",
              0,
              "in",
              5,
              List.of(
                  new String[] {"Bengaluru", "Karnataka"}, new String[] {"Pune", "Maharashtra"})),
          new Country(
              "ZA",
              "South Africa",
              "Africa",
              "Southern Africa",
              "usd",
              0,
              "co.za",
              4,
              List.of(
                  new String[] {"Cape Town", "Western Cape"},
                  new String[] {"Johannesburg", "Gauteng"})));

  private static final double[] WEIGHTS = COUNTRIES.stream().mapToDouble(Country::weight).toArray();

  private Geography() {}

  static Country pickCountry(Rng rng) {
    return COUNTRIES.get(rng.weighted(WEIGHTS));
  }

  /**
   * Fixed FX to the reporting currency (USD), as cents per 100 minor units; documented in truth.
   */
  static double toUsd(String currency) {
    return switch (currency) {
      case "eur" -> 1.08;
      case "gbp" -> 1.27;
      default -> 1.0;
    };
  }
}
