package io.intelligencesuite.sources.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.FetchedRecords;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * HubSpot CRM v3 -> {@code crm_companies}, {@code crm_contacts}, {@code crm_deals}. The three
 * object lists, the deal pipelines and the owners are fetched completely first (concurrently); only
 * then is the pipeline built, so an error answer fails the run before any write. Then parse (dead
 * letters) -> deduplicate -> write -> audit, each table a full snapshot.
 */
public final class CrmPipeline {
  public static final String NAME = PipelineNames.CRM;
  public static final String ACCESS_TOKEN_ENV = "HUBSPOT_ACCESS_TOKEN";

  /** The list endpoints: HubSpot returns only the properties a request names. */
  public static final String COMPANIES = "/crm/v3/objects/companies";

  public static final String CONTACTS = "/crm/v3/objects/contacts";
  public static final String DEALS = "/crm/v3/objects/deals";
  public static final String OWNERS = "/crm/v3/owners";
  public static final String DEAL_PIPELINES = "/crm/v3/pipelines/deals";

  private CrmPipeline() {}

  /** Everything one run reads from HubSpot, as fetched. */
  record Fetched(
      List<String> companies, List<String> contacts, List<String> deals, DealStages stages) {}

  public static void main(String[] args) {
    SourceLaunch.main(args, CrmOptions.class, CrmPipeline::run);
  }

  public static PipelineResult run(CrmOptions options) {
    return run(options, Secrets.SECRET_MANAGER, System::getenv);
  }

  public static PipelineResult run(
      CrmOptions options, Secrets.Resolver secrets, Function<String, String> env) {
    String token =
        Secrets.apiKey(
            options.getHubspotAccessTokenSecret(),
            ACCESS_TOKEN_ENV,
            secrets,
            env,
            "hubspotAccessTokenSecret");
    int limit = options.getCrmPageSize();
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException(
          "--crmPageSize must be 1..100 (HubSpot's list limit), got " + limit);
    }
    HubSpotClient client =
        new HubSpotClient(
            options.getHubspotApiBase(),
            token,
            options.getCrmRetryLimit(),
            Duration.ofMillis(options.getCrmRetryBackoffMillis()));
    Fetched fetched = fetch(client, limit);
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start(NAME, options, null);
          build(pipeline, run, fetched);
          return run;
        });
  }

  static Fetched fetch(HubSpotClient client, int limit) {
    CompletableFuture<List<JsonNode>> companies =
        async(
            () ->
                client.listAll(
                    COMPANIES,
                    query(
                        limit,
                        "name,domain,country,numberofemployees,lifecyclestage,hubspot_owner_id",
                        null)));
    CompletableFuture<List<JsonNode>> contacts =
        async(
            () ->
                client.listAll(
                    CONTACTS,
                    query(
                        limit,
                        "email,lifecyclestage,hubspot_owner_id,associatedcompanyid",
                        "companies")));
    CompletableFuture<List<JsonNode>> deals =
        async(
            () ->
                client.listAll(
                    DEALS,
                    query(
                        limit,
                        "dealname,pipeline,dealstage,amount,deal_currency_code,closedate,"
                            + "hubspot_owner_id",
                        "companies,contacts")));
    CompletableFuture<List<JsonNode>> owners =
        async(() -> client.listAll(OWNERS, Map.of("limit", String.valueOf(limit))));
    CompletableFuture<List<JsonNode>> pipelines =
        async(() -> client.listAll(DEAL_PIPELINES, Map.of()));
    try {
      return new Fetched(
          text(companies.join()),
          text(contacts.join()),
          text(deals.join()),
          DealStages.of(pipelines.join(), owners.join()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call);
  }

  private static List<String> text(List<JsonNode> objects) {
    return objects.stream().map(JsonNode::toString).toList();
  }

  private static Map<String, String> query(
      int limit, String properties, @Nullable String associations) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("limit", String.valueOf(limit));
    q.put("properties", properties);
    if (associations != null) {
      q.put("associations", associations);
    }
    return q;
  }

  static void build(Pipeline pipeline, RunContext run, Fetched fetched) {
    DealStages stages = fetched.stages();
    LoadSource.of(run)
        .add(
            FetchedRecords.of(pipeline, "companies", fetched.companies()),
            TableLoad.ofText(Tables.CRM_COMPANIES, "updated_at", CrmParsers::company))
        .add(
            FetchedRecords.of(pipeline, "contacts", fetched.contacts()),
            TableLoad.ofText(Tables.CRM_CONTACTS, "updated_at", CrmParsers::contact))
        .add(
            FetchedRecords.of(pipeline, "deals", fetched.deals()),
            TableLoad.ofText(Tables.CRM_DEALS, "updated_at", json -> CrmParsers.deal(json, stages)))
        .load();
  }
}
