package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Every company_id identity resolution gives has its dim_company row, also the companies no domain
 * names. The case: HubSpot company 902 has no domain, and contact 503 (kim@gmail.com, a free-mail
 * address: no domain either) is associated with it; contact 504 (lee@yahoo.com) names company 999,
 * which crm_companies does not hold. Next to them school acc1 on school.org, which has a domain.
 *
 * <p>By hand: identity (DirectRunner, temporary DuckDB) makes three companies, named by their
 * strongest identifier: account_id:acc1 (with its domain school.org), crm_company:902 (with contact
 * 503) and crm_company:999 (with contact 504). Before the fix dim_company keyed its rows on the
 * domains of identity_map, so only account_id:acc1 had one. Now each of the three has exactly one
 * row, the two CRM ones without a domain.
 */
public class DimensionsCrmCompaniesTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void everyCompanyOfIdentityMapHasOneRowWithOrWithoutADomain() throws Exception {
    DuckDbQueries warehouse = duck.queries();
    Instant t = Instant.parse("2026-10-01T09:00:00Z");
    Row acc1 =
        RowBuilder.of(Tables.COMPANIES)
            .set("account_id", "acc1")
            .set("name", "School")
            .set("domain", "school.org")
            .set("created_at", t)
            .build();
    warehouse.append(Tables.COMPANIES, List.of(acc1));
    warehouse.append(
        Tables.CRM_COMPANIES,
        List.of(
            RowBuilder.of(Tables.CRM_COMPANIES)
                .set("crm_company_id", "902")
                .set("name", "No Domain Academy")
                .set("created_at", t)
                .set("updated_at", t)
                .build()));
    warehouse.append(
        Tables.CRM_CONTACTS,
        List.of(
            contact("503", "kim@gmail.com", "902", t), contact("504", "lee@yahoo.com", "999", t)));
    IdentityMergesPipelineTest.run(duck, "identity-crm-no-domain");

    String school = IdentifierTypes.companyId("account_id:acc1");
    String noDomain = IdentifierTypes.companyId("crm_company:902");
    String unknown = IdentifierTypes.companyId("crm_company:999");
    List<Row> identityMap = new ArrayList<>();
    for (List<Object> r :
        warehouse.rows(
            "SELECT identifier_type, identifier_value, person_id, company_id FROM identity_map")) {
      identityMap.add(
          RowBuilder.of(Tables.IDENTITY_MAP)
              .set("identifier_type", r.get(0))
              .set("identifier_value", r.get(1))
              .set("person_id", r.get(2))
              .set("company_id", r.get(3))
              .build());
    }
    // The identity outputs the row set must cover: the three companies worked out above.
    assertEquals(
        java.util.stream.Stream.of(school, noDomain, unknown).sorted().map(List::of).toList(),
        warehouse.rows(
            "SELECT DISTINCT company_id FROM identity_map WHERE company_id IS NOT NULL ORDER BY 1"));

    PCollection<Row> accounts =
        p.apply("Accounts", Create.of(acc1).withRowSchema(Tables.COMPANIES.schema()));
    PCollection<Row> enrichment =
        p.apply("Enrichment", Create.empty(Tables.VISITOR_ENRICHMENT.schema()));
    PCollection<Row> map =
        p.apply("IdentityMap", Create.of(identityMap).withRowSchema(Tables.IDENTITY_MAP.schema()));
    PCollectionView<Map<String, IdentityAssignment>> lookup =
        p.apply(
                "Lookup",
                Create.of(
                    KV.of(
                        "account_id:acc1",
                        IdentityAssignment.of(
                            "account_id",
                            "acc1",
                            IdentifierTypes.personId("account_id:acc1"),
                            school))))
            .apply("LookupView", View.asMap());
    PCollectionView<Map<String, Long>> firstPaid =
        p.apply("FirstPaid", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("FirstPaidView", View.asMap());

    PCollection<String> rows =
        Dimensions.companies(
                accounts,
                enrichment,
                map,
                p.apply("Mrr", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))),
                firstPaid,
                lookup)
            .apply(
                "IdAndDomain",
                MapElements.into(TypeDescriptors.strings())
                    .via(r -> r.getString("company_id") + " " + r.getString("domain")));
    PAssert.that(rows)
        .containsInAnyOrder(school + " school.org", noDomain + " null", unknown + " null");
    p.run().waitUntilFinish();
  }

  private static Row contact(String id, String email, String company, Instant t) {
    return RowBuilder.of(Tables.CRM_CONTACTS)
        .set("crm_contact_id", id)
        .set("email", email)
        .set("crm_company_id", company)
        .set("created_at", t)
        .set("updated_at", t)
        .build();
  }
}
