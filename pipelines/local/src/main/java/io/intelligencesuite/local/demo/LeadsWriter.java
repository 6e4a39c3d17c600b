package io.intelligencesuite.local.demo;

import java.io.IOException;
import java.io.Writer;

/** Writes leads/: the Supabase (Postgres) lead-scoring tables as DDL plus CSV. */
final class LeadsWriter {
  static final String SCHEMA =
      """
      -- Supabase lead scoring (PostgreSQL). Load the CSVs with:
      --   \\copy leads FROM 'leads.csv' WITH (FORMAT csv, HEADER true)
      --   \\copy lead_scores FROM 'lead_scores.csv' WITH (FORMAT csv, HEADER true)
      CREATE TABLE leads (
        lead_id        text PRIMARY KEY,
        email          text NOT NULL,
        company_domain text,
        source         text NOT NULL,
        utm_source     text,
        utm_medium     text,
        utm_campaign   text,
        ga_client_id   text,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        status         text NOT NULL CHECK (status IN ('new','contacted','qualified','unqualified','converted'))
      );

      CREATE TABLE lead_scores (
        run_id        text NOT NULL,
        lead_id       text NOT NULL REFERENCES leads (lead_id),
        scored_at     timestamptz NOT NULL,
        score         smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        grade         char(1) NOT NULL,
        model_version text NOT NULL,
        PRIMARY KEY (run_id, lead_id)
      );
      """;

  private LeadsWriter() {}

  static void write(World w, OutputFiles out) throws IOException {
    out.writeDdl("leads/schema.sql", SCHEMA);
    try (Writer f = out.open("leads/leads.csv")) {
      OutputFiles.csvRow(
          f,
          "lead_id",
          "email",
          "company_domain",
          "source",
          "utm_source",
          "utm_medium",
          "utm_campaign",
          "ga_client_id",
          "created_at",
          "updated_at",
          "status");
      for (Lead l : w.leads) {
        Channel ch = l.channel;
        OutputFiles.csvRow(
            f,
            l.leadId,
            l.email,
            l.companyDomain,
            ch.channelGroup(),
            ch.tagged() ? ch.source() : null,
            ch.tagged() ? ch.medium() : null,
            ch.campaign(),
            l.gaClientId,
            SimCalendar.sql(l.createdAt) + "+00",
            SimCalendar.sql(l.updatedAt) + "+00",
            l.status);
      }
    }
    out.count("leads/leads.csv", w.leads.size());
    long n = 0;
    try (Writer f = out.open("leads/lead_scores.csv")) {
      OutputFiles.csvRow(f, "run_id", "lead_id", "scored_at", "score", "grade", "model_version");
      for (Lead l : w.leads) {
        for (Lead.Score s : l.scores) {
          OutputFiles.csvRow(
              f,
              s.runId(),
              l.leadId,
              SimCalendar.sql(s.scoredAt()) + "+00",
              s.score(),
              s.grade(),
              s.modelVersion());
          n++;
        }
      }
    }
    out.count("leads/lead_scores.csv", n);
  }
}
