package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
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
 * dim_company's country and segment (size): the backend account's first, the enrichment's latest
 * company_country and employee_range (for the company's domain) where the backend has none; the
 * size lands as its band (SizeBands): "small school" -> small, 1-19 -> small, 20-49 -> medium.
 */
public class DimensionsFirmographicsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void backendFirstThenTheLatestEnrichmentValuePerColumn() {
    PCollection<Row> accounts =
        p.apply(
            "Accounts",
            Create.of(
                    // com_a: the backend knows both; the enrichment's US / 100-499 is ignored.
                    account("acc_a", "a.edu", "GB", "small school"),
                    // com_b: the backend knows neither.
                    account("acc_b", "b.edu", null, null))
                .withRowSchema(Tables.COMPANIES.schema()));
    PCollection<Row> enrichment =
        p.apply(
            "Enrichment",
            Create.of(
                    visit("s1", "a.edu", "2026-02-01T00:00:00Z", "US", "100-499"),
                    // com_b: FR / 1-19 in January, DE without a range in February -> DE, small.
                    visit("s2", "b.edu", "2026-01-01T00:00:00Z", "FR", "1-19"),
                    visit("s3", "b.edu", "2026-02-01T00:00:00Z", "DE", null),
                    // com_c (no account, only a domain): ES / 20-49 -> medium.
                    visit("s4", "c.edu", "2026-01-15T00:00:00Z", "ES", "20-49"),
                    // a domain identity resolution does not know: no company, no row.
                    visit("s5", "z.edu", "2026-01-15T00:00:00Z", "IT", "1-19"))
                .withRowSchema(Tables.VISITOR_ENRICHMENT.schema()));
    PCollection<Row> identityMap =
        p.apply(
            "IdentityMap",
            Create.of(
                    domainRow("a.edu", "com_a"),
                    domainRow("b.edu", "com_b"),
                    domainRow("c.edu", "com_c"))
                .withRowSchema(Tables.IDENTITY_MAP.schema()));
    PCollectionView<Map<String, IdentityAssignment>> lookup =
        p.apply(
                "Lookup",
                Create.of(
                    assignment("account_id", "acc_a", "com_a"),
                    assignment("account_id", "acc_b", "com_b"),
                    assignment("domain", "a.edu", "com_a"),
                    assignment("domain", "b.edu", "com_b"),
                    assignment("domain", "c.edu", "com_c")))
            .apply(View.asMap());
    PCollectionView<Map<String, Long>> firstPaid =
        p.apply("FirstPaid", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("FirstPaidView", View.asMap());
    PCollection<KV<String, Long>> mrr =
        p.apply("Mrr", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));

    PCollection<String> out =
        Dimensions.companies(accounts, enrichment, identityMap, mrr, firstPaid, lookup)
            .apply(
                "CountryAndSegment",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.getString("company_id")
                                + " "
                                + r.getString("country")
                                + " "
                                + r.getString("segment")));
    PAssert.that(out).containsInAnyOrder("com_a GB small", "com_b DE small", "com_c ES medium");
    p.run().waitUntilFinish();
  }

  private static Row account(String id, String domain, String country, String segment) {
    return RowBuilder.of(Tables.COMPANIES)
        .set("account_id", id)
        .set("name", id)
        .set("domain", domain)
        .set("country", country)
        .set("segment", segment)
        .set("created_at", Instant.parse("2025-12-01T00:00:00Z"))
        .build();
  }

  private static Row visit(String id, String domain, String at, String country, String range) {
    return RowBuilder.of(Tables.VISITOR_ENRICHMENT)
        .set("signal_id", id)
        .set("observed_at", Instant.parse(at))
        .set("provider", "swanai")
        .set("company_domain", domain)
        .set("signal_type", "visit")
        .set("company_country", country)
        .set("employee_range", range)
        .build();
  }

  private static Row domainRow(String domain, String company) {
    return RowBuilder.of(Tables.IDENTITY_MAP)
        .set("identifier_type", "domain")
        .set("identifier_value", domain)
        .set("person_id", "per_" + company)
        .set("company_id", company)
        .build();
  }

  private static KV<String, IdentityAssignment> assignment(
      String type, String value, String company) {
    return KV.of(type + ":" + value, IdentityAssignment.of(type, value, "per_" + company, company));
  }
}
