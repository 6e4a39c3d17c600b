package io.intelligencesuite.sources.chartmogul;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.FetchedRecords;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ChartMogul API -> {@code chartmogul_customers}, {@code chartmogul_activities}. Both lists are
 * fetched completely first (concurrently); only then is the pipeline built, so an error answer
 * fails the run before any write. Then parse (dead letters) -> deduplicate -> write -> audit.
 */
public final class ChartMogulPipeline {
  public static final String NAME = PipelineNames.CHARTMOGUL;
  public static final String API_KEY_ENV = "CHARTMOGUL_API_KEY";

  private ChartMogulPipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, ChartMogulOptions.class, ChartMogulPipeline::run);
  }

  public static PipelineResult run(ChartMogulOptions options) {
    return run(options, Secrets.SECRET_MANAGER, System::getenv);
  }

  public static PipelineResult run(
      ChartMogulOptions options, Secrets.Resolver secrets, Function<String, String> env) {
    String key =
        Secrets.apiKey(
            options.getChartmogulApiKeySecret(),
            API_KEY_ENV,
            secrets,
            env,
            "chartmogulApiKeySecret");
    DateWindow window = window(options.getStartDate(), options.getEndDate());
    ChartMogulClient client =
        new ChartMogulClient(
            options.getChartmogulApiBase(),
            key,
            options.getChartmogulRetryLimit(),
            Duration.ofMillis(options.getChartmogulRetryBackoffMillis()));
    String perPage = String.valueOf(options.getChartmogulPageSize());
    Map<String, String> activityQuery = new LinkedHashMap<>();
    activityQuery.put("per_page", perPage);
    if (window != null) {
      activityQuery.put("start-date", window.start().toString());
      activityQuery.put("end-date", window.end().toString());
    }
    CompletableFuture<List<JsonNode>> customers =
        CompletableFuture.supplyAsync(
            () -> client.listAll("/v1/customers", Map.of("per_page", perPage)));
    CompletableFuture<List<JsonNode>> activities =
        CompletableFuture.supplyAsync(() -> client.listAll("/v1/activities", activityQuery));
    List<String> customerRecords;
    List<String> activityRecords;
    try {
      customerRecords = customers.join().stream().map(JsonNode::toString).toList();
      activityRecords = activities.join().stream().map(JsonNode::toString).toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start(NAME, options, window);
          build(pipeline, run, customerRecords, activityRecords);
          return run;
        });
  }

  public static void build(
      Pipeline pipeline, RunContext run, List<String> customers, List<String> activities) {
    LoadSource.of(run)
        .add(
            FetchedRecords.of(pipeline, "customers", customers),
            TableLoad.ofText(
                Tables.CHARTMOGUL_CUSTOMERS, "customer_since", ChartMogulParsers::customer))
        .add(
            FetchedRecords.of(pipeline, "activities", activities),
            TableLoad.ofText(
                    Tables.CHARTMOGUL_ACTIVITIES, "activity_at", ChartMogulParsers::activity)
                .replacing(run.window()))
        .load();
  }

  static @Nullable DateWindow window(@Nullable String start, @Nullable String end) {
    return DateWindow.fromOptions(start, end);
  }
}
