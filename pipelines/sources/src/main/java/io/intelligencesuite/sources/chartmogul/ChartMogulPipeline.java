package io.intelligencesuite.sources.chartmogul;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ChartMogul API -> {@code chartmogul_customers}, {@code chartmogul_activities}. Both lists are
 * paged through inside the pipeline ({@link ApiPages} over {@link ChartMogulLists}: the job graph
 * carries which lists to read, not what they hold); then parse (dead letters) -> deduplicate ->
 * write -> audit. An error answer fails the run before any table is replaced ({@link LoadSource}).
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
    ApiKey key =
        ApiKey.checked(
            options.getChartmogulApiKeySecret(),
            API_KEY_ENV,
            secrets,
            env,
            "chartmogulApiKeySecret");
    DateWindow window = window(options.getStartDate(), options.getEndDate());
    ChartMogulLists lists =
        new ChartMogulLists(
            key,
            options.getChartmogulApiBase(),
            options.getChartmogulRetryLimit(),
            options.getChartmogulRetryBackoffMillis(),
            options.getChartmogulPageSize(),
            window == null ? null : window.start().toString(),
            window == null ? null : window.end().toString());
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start(NAME, options, window);
          build(run, pipeline.apply(ApiPages.of("ChartMogul", ChartMogulLists.SEEDS, lists)));
          return run;
        });
  }

  public static void build(RunContext run, PCollectionTuple pages) {
    LoadSource.of(run)
        .add(
            ApiPages.records(pages, ChartMogulLists.CUSTOMERS),
            TableLoad.ofText(
                Tables.CHARTMOGUL_CUSTOMERS, "customer_since", ChartMogulParsers::customer))
        .add(
            ApiPages.records(pages, ChartMogulLists.ACTIVITIES),
            TableLoad.ofText(
                    Tables.CHARTMOGUL_ACTIVITIES, "activity_at", ChartMogulParsers::activity)
                .replacing(run.window()))
        .load();
  }

  static @Nullable DateWindow window(@Nullable String start, @Nullable String end) {
    return DateWindow.fromOptions(start, end);
  }
}
