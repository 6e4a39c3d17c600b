package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/** A lead in the Supabase lead-scoring database: one form submission. */
final class Lead {
  final String leadId;
  final Person person;

  /** Not final: {@link IdentityOverlaps} rewrites a few as plus-addressed e-mails. */
  String email;

  final String companyDomain;
  final Channel channel;
  final String gaClientId;
  final long createdAt;
  long updatedAt;
  String status = "new";
  final List<Score> scores = new ArrayList<>();

  record Score(String runId, long scoredAt, int score, String grade, String modelVersion) {}

  Lead(
      String leadId,
      Person person,
      String email,
      String companyDomain,
      Channel channel,
      String gaClientId,
      long createdAt) {
    this.leadId = leadId;
    this.person = person;
    this.email = email;
    this.companyDomain = companyDomain;
    this.channel = channel;
    this.gaClientId = gaClientId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }
}
