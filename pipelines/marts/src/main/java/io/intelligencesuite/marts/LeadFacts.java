package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * {@code fact_lead}: each lead with its first score (the first scoring run at or after the lead's
 * creation, so re-scoring never rewrites history), whether that score qualifies, and when the
 * lead's company first paid. These are the Lead Quality Index's inputs. Its channel is the last
 * non-direct click of the lead's person ({@link Channels#lastNonDirectClick}).
 */
final class LeadFacts {
  private static final TupleTag<Row> LEAD = new TupleTag<>() {};
  private static final TupleTag<Row> SCORE = new TupleTag<>() {};

  private LeadFacts() {}

  static PCollection<Row> build(
      PCollection<Row> leads,
      PCollection<Row> scoringRuns,
      double threshold,
      PCollectionView<Map<String, IdentityAssignment>> lookup,
      PCollectionView<Map<String, Long>> firstPaidByCompany,
      PCollectionView<Map<String, Iterable<Channels.Click>>> clicksByPerson) {
    return KeyedRows.join("Leads with scores", "lead_id", LEAD, leads, SCORE, scoringRuns)
        .apply(
            "fact_lead rows",
            TableRows.of(
                Tables.FACT_LEAD,
                (g, c) -> {
                  Row lead = KeyedRows.last(g.getValue().getAll(LEAD));
                  if (lead == null) {
                    return null; // scores of a lead that is not (or no longer) in leads: nothing
                    // to describe
                  }
                  long created = lead.getDateTime("created_at").getMillis();
                  Row first = null;
                  for (Row s : g.getValue().getAll(SCORE)) {
                    long at = s.getDateTime("scored_at").getMillis();
                    if (at >= created
                        && (first == null
                            || at < first.getDateTime("scored_at").getMillis()
                            || (at == first.getDateTime("scored_at").getMillis()
                                && s.getString("run_id").compareTo(first.getString("run_id"))
                                    < 0))) {
                      first = s;
                    }
                  }
                  Map<String, IdentityAssignment> ids = c.sideInput(lookup);
                  IdentityAssignment who =
                      IdentityMapping.find(ids, IdentifierTypes.LEAD_ID, lead.getString("lead_id"));
                  String company = who == null ? null : who.getCompanyId();
                  String person = who == null ? null : who.getPersonId();
                  Long paid = company == null ? null : c.sideInput(firstPaidByCompany).get(company);
                  Double score = first == null ? null : first.getDouble("score");
                  return RowBuilder.of(Tables.FACT_LEAD)
                      .set("lead_id", lead.getString("lead_id"))
                      .set("person_id", person)
                      .set("company_id", company)
                      .set("created_at", lead.getDateTime("created_at"))
                      .set("source", lead.getString("source"))
                      .set(
                          "channel",
                          Channels.lastNonDirectClick(
                              person == null
                                  ? List.of()
                                  : c.sideInput(clicksByPerson).getOrDefault(person, List.of()),
                              created,
                              Channels.of(
                                  lead.getString("utm_source"),
                                  lead.getString("utm_medium"),
                                  null)))
                      .set("first_score", score)
                      .set("first_scored_at", first == null ? null : first.getDateTime("scored_at"))
                      .set("is_qualified", score != null && score >= threshold)
                      .set("converted_at", paid == null ? null : new Instant(paid))
                      .build();
                },
                lookup,
                firstPaidByCompany,
                clicksByPerson));
  }
}
