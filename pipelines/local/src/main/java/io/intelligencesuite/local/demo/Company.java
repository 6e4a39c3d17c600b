package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A school the demo company meets: first as a prospect on the website, then (for about half of
 * them) as a backend account on a trial, and (for fewer) as a paying Stripe customer.
 */
final class Company {
  final String companyId;
  final String name;

  /** Not final: {@link IdentityOverlaps} gives two schools of one trust the trust's domain. */
  String domain;

  final Geography.Country country;
  final String city;
  final String region;
  final String segment;
  final int students;

  /** Teachers and staff the school would license: the natural seat count. */
  final int staff;

  /** Firmographic fit in [0, 1]: drives sign-up, activation and conversion. */
  final double fit;

  /** Buying intent in [0, 1]: drives web engagement, lead forms and G2 research. */
  final double intent;

  final long arrivedAt;
  final boolean test;
  final List<Person> people = new ArrayList<>();

  // Backend account, set when someone signs up.
  Integer accountId;

  /** Channel of the first session of its journey (the truth's acquisition channel). */
  Channel firstChannel;

  long signupAt;
  long trialEndsAt;
  Long activatedAt;
  boolean converted;
  BillingCustomer customer;
  final List<BackendUser> users = new ArrayList<>();

  /**
   * Users who moved in from another school of the same trust after the simulation drew usage
   * ({@link IdentityOverlaps}): written with the users, but they draw no product events, so every
   * other random stream stays as it was.
   */
  final List<BackendUser> movedIn = new ArrayList<>();

  /** [start, end) windows when the school uses the product: the trial, then paid periods. */
  final List<long[]> activeWindows = new ArrayList<>();

  /** Plan as the backend believes it (can lag Stripe, see planted discrepancies). */
  String backendPlan = "trial";

  String backendStatus = "trialing";
  long backendUpdatedAt;

  Company(
      String companyId,
      String name,
      String domain,
      Geography.Country country,
      String city,
      String region,
      String segment,
      int students,
      int staff,
      double fit,
      double intent,
      long arrivedAt,
      boolean test) {
    this.companyId = companyId;
    this.name = name;
    this.domain = domain;
    this.country = country;
    this.city = city;
    this.region = region;
    this.segment = segment;
    this.students = students;
    this.staff = staff;
    this.fit = fit;
    this.intent = intent;
    this.arrivedAt = arrivedAt;
    this.test = test;
  }

  /** The latent lead quality the scoring models try to estimate. */
  double quality() {
    return 0.6 * fit + 0.4 * intent;
  }

  boolean hasAccount() {
    return accountId != null;
  }
}
