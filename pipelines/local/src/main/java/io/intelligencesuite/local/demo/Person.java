package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A human being: a prospect, a school admin or a teacher. One person may use several devices,
 * several e-mail addresses and, rarely, administer two schools.
 */
final class Person {
  final String personId;
  final String firstName;
  final String lastName;
  final Company company;

  /** Every school this person belongs to (two for the shared free-mail admin). */
  final List<Company> companies = new ArrayList<>();

  /** Every e-mail address this person used, in the order they first used it. */
  final List<String> emails = new ArrayList<>();

  final List<Device> devices = new ArrayList<>();
  final List<BackendUser> users = new ArrayList<>();
  final List<Lead> leads = new ArrayList<>();

  /** True for the prospect who found the product on the website (the others are invited). */
  final boolean visitor;

  Person(String personId, String firstName, String lastName, Company company, boolean visitor) {
    this.personId = personId;
    this.firstName = firstName;
    this.lastName = lastName;
    this.company = company;
    this.companies.add(company);
    this.visitor = visitor;
  }

  String fullName() {
    return firstName + " " + lastName;
  }

  void addEmail(String email) {
    if (!emails.contains(email)) {
      emails.add(email);
    }
  }
}
