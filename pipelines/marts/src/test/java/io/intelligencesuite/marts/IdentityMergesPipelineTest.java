package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The identity pipeline run three times on the DirectRunner over a temporary DuckDB warehouse, as a
 * schedule runs it: identity_merges records the one id that disappears when one new linking
 * identifier arrives, and nothing when the data is unchanged.
 *
 * <p>Staging: user u1 (jane@school.org, account acc1) and lead l1 (jane.doe@gmail.com, captured on
 * device d1): two persons, per(user_id:u1) and per(lead_id:l1). Before the second run u1 logs in on
 * d1 (one events_web row), which joins them: per(lead_id:l1) disappears into per(user_id:u1), the
 * user id being the strongest identifier, with its 3 identifiers (lead l1, its e-mail, d1).
 */
public class IdentityMergesPipelineTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  @Test
  public void aNewLinkingIdentifierRecordsOneMergeAndAnUnchangedRerunNone() throws Exception {
    DuckDbQueries warehouse = duck.queries();
    Instant t = Instant.parse("2026-10-01T09:00:00Z");
    warehouse.append(Tables.USERS, List.of(janeOfAcc1(t)));
    warehouse.append(Tables.LEADS, List.of(lead("l1", "jane.doe@gmail.com", "d1", t)));

    // First run: no previous identity_map (the table does not exist yet), so no merge.
    run(duck, "identity-1");
    assertEquals(0L, count(warehouse, "SELECT count(*) FROM identity_merges"));
    String lead = IdentifierTypes.personId("lead_id:l1");
    String user = IdentifierTypes.personId("user_id:u1");
    assertEquals(
        lead, warehouse.value("SELECT person_id FROM identity_map WHERE identifier_value = 'd1'"));

    // u1 logs in on d1.
    warehouse.append(
        Tables.EVENTS_WEB,
        List.of(
            RowBuilder.of(Tables.EVENTS_WEB)
                .set("event_id", "e1")
                .set("event_ts", t)
                .set("event_date", LocalDate.of(2026, 10, 1))
                .set("event_name", "login")
                .set("user_pseudo_id", "d1")
                .set("user_id", "u1")
                .set("params", "{}")
                .build()));
    run(duck, "identity-2");
    assertEquals(
        List.of(List.of("identity-2", "person", lead, user, "merge", 3L)),
        warehouse.rows(
            "SELECT run_id, level, merged_id, surviving_id, kind, identifiers_moved"
                + " FROM identity_merges"));
    assertEquals(
        user, warehouse.value("SELECT person_id FROM identity_map WHERE identifier_value = 'd1'"));

    // The same data again: the map is compared with the one the second run wrote, so nothing new;
    // the second run's row stays.
    run(duck, "identity-3");
    assertEquals(
        List.of(List.of("identity-2", lead, user)),
        warehouse.rows("SELECT run_id, merged_id, surviving_id FROM identity_merges"));
  }

  /** User u1 of account acc1, jane@school.org. */
  static org.apache.beam.sdk.values.Row janeOfAcc1(Instant t) {
    return RowBuilder.of(Tables.USERS)
        .set("user_id", "u1")
        .set("account_id", "acc1")
        .set("email", "jane@school.org")
        .set("email_domain", "school.org")
        .set("created_at", t)
        .build();
  }

  /** A lead with its e-mail (domain: what follows the @) and, when captured, its GA4 device. */
  static org.apache.beam.sdk.values.Row lead(
      String id, String email, @Nullable String device, Instant t) {
    return RowBuilder.of(Tables.LEADS)
        .set("lead_id", id)
        .set("email", email)
        .set("email_domain", email.substring(email.indexOf('@') + 1))
        .set("ga_client_id", device)
        .set("created_at", t)
        .build();
  }

  /** One identity run on the DirectRunner over {@code duck}'s warehouse. */
  static void run(TempWarehouses duck, String runId) {
    IdentityOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--warehouse=" + duck.spec(),
                "--runId=" + runId,
                "--targetParallelism=2")
            .as(IdentityOptions.class);
    assertEquals(PipelineResult.State.DONE, IdentityPipeline.run(options).waitUntilFinish());
  }

  private static long count(DuckDbQueries warehouse, String sql) throws Exception {
    return ((Number) warehouse.value(sql)).longValue();
  }
}
