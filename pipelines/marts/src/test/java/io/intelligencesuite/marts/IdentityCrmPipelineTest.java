package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.Arrays;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * HubSpot contacts and companies in the identity graph, through the identity pipeline on the
 * DirectRunner over a temporary DuckDB warehouse (IdentityLinks reads crm_contacts and
 * crm_companies).
 *
 * <p>Staging: school acc1 on school.org (companies) with user u1 (jane@school.org); a lead l2 who
 * filled the form with a personal address (amy.k@gmail.com) and no company domain. HubSpot knows
 * the school as company 901 (domain school.org) and both people as contacts, associated with it:
 * 501 with e-mail "Jane@School.org" (as typed into the CRM) and 502 with amy.k@gmail.com.
 *
 * <p>Worked out by hand: contact 501's e-mail normalises to jane@school.org, the user's, so 501 is
 * the person of user u1 (named by the user id, the strongest identifier; the contact ranks last and
 * renames nobody). Contact 502 is the person of lead l2 by e-mail. HubSpot company 901 joins acc1:
 * its domain school.org is acc1's, and it touches no other keyed company. So the lead, who named no
 * company, now has the school through its contact's company association.
 */
public class IdentityCrmPipelineTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  @Test
  public void aCrmContactLinksToItsUserAndLeadByEmail() throws Exception {
    DuckDbQueries warehouse = duck.queries();
    Instant t = Instant.parse("2026-10-01T09:00:00Z");
    warehouse.append(
        Tables.COMPANIES,
        List.of(
            RowBuilder.of(Tables.COMPANIES)
                .set("account_id", "acc1")
                .set("name", "School")
                .set("domain", "school.org")
                .set("created_at", t)
                .build()));
    warehouse.append(Tables.USERS, List.of(IdentityMergesPipelineTest.janeOfAcc1(t)));
    warehouse.append(
        Tables.LEADS, List.of(IdentityMergesPipelineTest.lead("l2", "amy.k@gmail.com", null, t)));
    warehouse.append(
        Tables.CRM_COMPANIES,
        List.of(
            RowBuilder.of(Tables.CRM_COMPANIES)
                .set("crm_company_id", "901")
                .set("name", "School")
                .set("domain", "school.org")
                .set("created_at", t)
                .set("updated_at", t)
                .build()));
    warehouse.append(
        Tables.CRM_CONTACTS,
        List.of(contact("501", "Jane@School.org", t), contact("502", "amy.k@gmail.com", t)));

    IdentityMergesPipelineTest.run(duck, "identity-crm");

    String school = IdentifierTypes.companyId("account_id:acc1");
    String jane = IdentifierTypes.personId("user_id:u1");
    String amy = IdentifierTypes.personId("lead_id:l2");
    assertEquals(
        List.of(
            Arrays.asList("crm_company", "901", null, school),
            Arrays.asList("crm_contact", "501", jane, school),
            Arrays.asList("crm_contact", "502", amy, school),
            Arrays.asList("email", "amy.k@gmail.com", amy, school),
            Arrays.asList("email", "jane@school.org", jane, school),
            Arrays.asList("lead_id", "l2", amy, school),
            Arrays.asList("user_id", "u1", jane, school)),
        warehouse.rows(
            "SELECT identifier_type, identifier_value, person_id, company_id FROM identity_map"
                + " WHERE identifier_type NOT IN ('account_id', 'domain')"
                + " ORDER BY identifier_type, identifier_value"));
  }

  private static org.apache.beam.sdk.values.Row contact(String id, String email, Instant t) {
    return RowBuilder.of(Tables.CRM_CONTACTS)
        .set("crm_contact_id", id)
        .set("email", email)
        .set("crm_company_id", "901")
        .set("created_at", t)
        .set("updated_at", t)
        .build();
  }
}
