package io.intelligencesuite.local.demo;

import java.time.LocalDate;

/**
 * The Supabase lead-scoring service: leads move through statuses, and batch runs score them. Model
 * v1 (until 2025-12-31) is a noisy mix of fit, engagement and luck; model v2 (from 2026-01-05,
 * which also backfills the last six months) estimates the latent quality much better. Both are
 * estimates of the same quality that drives sign-up and conversion, so a higher score really means
 * a higher chance of trial and paid, and v2 separates better than v1.
 */
final class LeadScoring {
  static final long V2_LAUNCH = SimCalendar.epoch(LocalDate.of(2026, 1, 5));
  private final World w;
  private final Rng rng;

  LeadScoring(World w, Rng rng) {
    this.w = w;
    this.rng = rng;
  }

  void run() {
    for (Lead l : w.leads) {
      progressStatus(l);
      Company c = l.person.company;
      boolean freeMail = l.companyDomain == null || !l.email.endsWith("@" + l.companyDomain);
      // First score: the daily run after creation.
      long firstRun =
          SimCalendar.epoch(SimCalendar.date(l.createdAt).plusDays(1)) + 2 * SimCalendar.HOUR;
      score(l, c, firstRun, freeMail);
      // Monthly re-scoring of open leads for three months.
      LocalDate d = SimCalendar.date(l.createdAt).withDayOfMonth(1);
      for (int k = 1; k <= 3; k++) {
        long run = SimCalendar.epoch(d.plusMonths(k)) + 3 * SimCalendar.HOUR;
        if (run >= SimCalendar.AS_OF) {
          break;
        }
        if (run > firstRun) {
          score(l, c, run, freeMail);
        }
      }
      // v2 launch backfill: every lead from the previous six months is re-scored once.
      if (l.createdAt < V2_LAUNCH && l.createdAt >= SimCalendar.plusMonths(V2_LAUNCH, -6)) {
        score(l, c, V2_LAUNCH + 4 * SimCalendar.HOUR, freeMail);
      }
      l.scores.sort(java.util.Comparator.comparingLong(Lead.Score::scoredAt));
    }
  }

  private void progressStatus(Lead l) {
    if (l.status.equals("converted")) {
      return;
    }
    long contacted = l.createdAt + (long) (rng.uniform(0.3, 3) * SimCalendar.DAY);
    if (contacted >= SimCalendar.AS_OF) {
      return;
    }
    l.status = "contacted";
    l.updatedAt = contacted;
    long decided = contacted + (long) (rng.uniform(2, 12) * SimCalendar.DAY);
    if (decided >= SimCalendar.AS_OF) {
      return;
    }
    l.status =
        l.person.company.quality() + 0.15 * rng.gaussian() > 0.5 ? "qualified" : "unqualified";
    l.updatedAt = decided;
  }

  private void score(Lead l, Company c, long at, boolean freeMail) {
    boolean v2 = at >= V2_LAUNCH;
    double q = c.quality();
    double s;
    if (v2) {
      s = 0.88 * q + 0.12 * (0.5 + 0.15 * rng.gaussian());
    } else {
      s = 0.6 * q + 0.15 * c.intent + 0.25 * rng.uniform() - (freeMail ? 0.05 : 0);
    }
    int score = (int) Math.round(MarketSimulation.clamp(s, 0, 1) * 100);
    String model = v2 ? "v2" : "v1";
    String runId = "run_" + SimCalendar.yyyymmdd(at) + "_" + model;
    if (l.scores.stream().anyMatch(x -> x.runId().equals(runId))) {
      return; // a daily and a batch run on the same date are one run
    }
    long scoredAt = at + rng.nextLong(1800);
    l.scores.add(new Lead.Score(runId, scoredAt, score, grade(score), model));
  }

  static String grade(int score) {
    return score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : "D";
  }
}
