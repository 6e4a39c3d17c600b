package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.SizeBands;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The dimensions: {@code dim_user} and {@code dim_company}, plus the per-company lookups the facts
 * use.
 */
final class Dimensions {
  private static final TupleTag<Row> ACCOUNT = new TupleTag<>() {};
  private static final TupleTag<String> DOMAIN = new TupleTag<>() {};
  private static final TupleTag<Long> MRR = new TupleTag<>() {};
  private static final TupleTag<Row> ENRICHMENT = new TupleTag<>() {};

  private Dimensions() {}

  static PCollection<Row> users(
      PCollection<Row> users, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return users.apply(
        "dim_user rows",
        TableRows.of(
            Tables.DIM_USER,
            (u, c) -> {
              IdentityAssignment a =
                  IdentityMapping.find(
                      c.sideInput(lookup), IdentifierTypes.USER_ID, u.getString("user_id"));
              return RowBuilder.of(Tables.DIM_USER)
                  .set("user_id", u.getString("user_id"))
                  .set("person_id", a == null ? null : a.getPersonId())
                  .set("company_id", a == null ? null : a.getCompanyId())
                  .set("email", u.getString("email"))
                  .set("role", u.getString("role"))
                  .set("created_at", u.getDateTime("created_at"))
                  .build();
            },
            lookup));
  }

  /**
   * One row per company of identity_map: its (earliest) backend account's attributes, or for a
   * company known only by a business domain (a lead's school that never signed up) just the domain,
   * or for one with neither (a HubSpot company without a domain) just its id. {@code mrrByCompany}
   * holds the current MRR of companies with customers (cents). Country and size (segment) are the
   * account's; where the backend has none, the enrichment's latest {@code company_country} and
   * {@code employee_range} for the company's domain fill them in. The size is stored as its band
   * ({@link SizeBands}: small, medium, large), so backend labels and employee ranges make one
   * segment list.
   */
  static PCollection<Row> companies(
      PCollection<Row> companies,
      PCollection<Row> visitorEnrichment,
      PCollection<Row> identityMap,
      PCollection<KV<String, Long>> mrrByCompany,
      PCollectionView<Map<String, Long>> firstPaidByCompany,
      PCollectionView<Map<String, IdentityAssignment>> lookup) {
    PCollection<KV<String, Row>> accounts =
        IdentityMapping.withCompany(
            "Account to company",
            companies,
            lookup,
            IdentifierTypes.ACCOUNT_ID,
            r -> r.getString("account_id"),
            (r, company) -> KV.of(company, r),
            KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(Tables.COMPANIES.schema())));
    // Every company of identity_map, not only those with a domain: a HubSpot company without one,
    // or one a contact names that crm_companies lacks, is a company_id too and gets its row.
    PCollection<KV<String, String>> domains =
        KeyedRows.by(
                "Company identifiers",
                identityMap,
                "company_id",
                r -> true,
                r ->
                    IdentifierTypes.DOMAIN.equals(r.getString("identifier_type"))
                        ? r.getString("identifier_value")
                        : NO_DOMAIN,
                StringUtf8Coder.of())
            .apply("Smallest domain per company", Combine.perKey(Dimensions::smallerDomain));
    PCollection<KV<String, Row>> firmographics =
        IdentityMapping.withCompany(
            "Enrichment to company",
            visitorEnrichment.apply(
                "Enrichment with firmographics",
                Filter.by(
                    r ->
                        r.getString("company_country") != null
                            || r.getString("employee_range") != null)),
            lookup,
            IdentifierTypes.DOMAIN,
            r -> r.getString("company_domain"),
            (r, company) -> KV.of(company, r),
            KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(Tables.VISITOR_ENRICHMENT.schema())));
    return KeyedPCollectionTuple.of(ACCOUNT, accounts)
        .and(DOMAIN, domains)
        .and(ENRICHMENT, firmographics)
        .and(MRR, mrrByCompany)
        .apply("Company parts", CoGroupByKey.create())
        .apply(
            "dim_company rows",
            TableRows.of(
                Tables.DIM_COMPANY,
                (g, c) -> {
                  Row account = null;
                  for (Row r : g.getValue().getAll(ACCOUNT)) {
                    if (account == null
                        || r.getDateTime("created_at").isBefore(account.getDateTime("created_at"))
                        || (r.getDateTime("created_at").equals(account.getDateTime("created_at"))
                            && r.getString("account_id").compareTo(account.getString("account_id"))
                                < 0)) {
                      account = r;
                    }
                  }
                  String domain = null;
                  for (String d : g.getValue().getAll(DOMAIN)) {
                    domain = d.equals(NO_DOMAIN) ? null : d;
                  }
                  Long mrr = null;
                  for (Long m : g.getValue().getAll(MRR)) {
                    mrr = (mrr == null ? 0 : mrr) + m;
                  }
                  Iterable<Row> enrichment = g.getValue().getAll(ENRICHMENT);
                  boolean paid = c.sideInput(firstPaidByCompany).containsKey(g.getKey());
                  return RowBuilder.of(Tables.DIM_COMPANY)
                      .set("company_id", g.getKey())
                      .set("account_id", account == null ? null : account.getString("account_id"))
                      .set("name", account == null ? null : account.getString("name"))
                      .set(
                          "domain",
                          account != null && account.getString("domain") != null
                              ? account.getString("domain")
                              : domain)
                      .set(
                          "country",
                          firmographic(account, "country", enrichment, "company_country"))
                      .set(
                          "segment",
                          SizeBands.of(
                              firmographic(account, "segment", enrichment, "employee_range")))
                      .set("is_customer", paid)
                      .set("mrr_cents", mrr == null ? (paid ? 0L : null) : mrr)
                      .set("created_at", account == null ? null : account.getDateTime("created_at"))
                      .build();
                },
                firstPaidByCompany));
  }

  /** The domain value of a company identifier that is not a domain. */
  private static final String NO_DOMAIN = "";

  /** The smallest domain of a company's identifiers, {@link #NO_DOMAIN} when none is a domain. */
  static String smallerDomain(String a, String b) {
    if (a.equals(NO_DOMAIN)) {
      return b;
    }
    return b.equals(NO_DOMAIN) || a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * The backend account's value of a firmographic column; without one, the enrichment's latest
   * (observed_at, then signal id for ties) non-null value of its column.
   */
  private static @Nullable String firmographic(
      @Nullable Row account, String accountColumn, Iterable<Row> enrichment, String column) {
    String own = account == null ? null : account.getString(accountColumn);
    if (own != null) {
      return own;
    }
    Row latest = null;
    for (Row r : enrichment) {
      if (r.getString(column) != null
          && (latest == null
              || r.getDateTime("observed_at").isAfter(latest.getDateTime("observed_at"))
              || (r.getDateTime("observed_at").equals(latest.getDateTime("observed_at"))
                  && r.getString("signal_id").compareTo(latest.getString("signal_id")) > 0))) {
        latest = r;
      }
    }
    return latest == null ? null : latest.getString(column);
  }

  /** company_id -> its earliest fact_lead row (ties: smaller lead id). */
  static PCollectionView<Map<String, Row>> firstLeadByCompany(PCollection<Row> factLead) {
    return KeyedRows.by(
            "Lead by company",
            factLead,
            "company_id",
            r -> true,
            r -> r,
            SchemaCoder.of(Tables.FACT_LEAD.schema()))
        .apply("Earliest lead", Combine.<String, Row>perKey(Dimensions::earliestLead))
        .apply("First lead by company", View.asMap());
  }

  static Row earliestLead(Iterable<Row> leads) {
    Row first = null;
    for (Row r : leads) {
      if (first == null) {
        first = r;
        continue;
      }
      int c = r.getDateTime("created_at").compareTo(first.getDateTime("created_at"));
      if (c < 0 || (c == 0 && r.getString("lead_id").compareTo(first.getString("lead_id")) < 0)) {
        first = r;
      }
    }
    return first;
  }

  static Instant instant(long ms) {
    return new Instant(ms);
  }
}
