package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;

import io.intelligencesuite.local.fakeapi.LocalChartMogulApi;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.chartmogul.ChartMogulOptions;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The ChartMogul pipeline over corpus/chartmogul (README.md there) through the local ChartMogul API
 * with a recognisable fake key; embedded Flink runner, a handful of entries.
 */
public class ChartMogulCorpusTest extends CorpusPipelineTest {
  static final String KEY = "cm_HardeningFakeKey_9d2e0badc0de7731";

  public ChartMogulCorpusTest() {
    // customers + activities in corpus/chartmogul/bad
    super("chartmogul", 8 + 9, Tables.CHARTMOGUL_CUSTOMERS, Tables.CHARTMOGUL_ACTIVITIES);
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    try (LocalChartMogulApi api = new LocalChartMogulApi(corpus("chartmogul/good"))) {
      if (withBad) {
        for (String resource : List.of("customers", "activities")) {
          api.served("/v1/" + resource)
              .addAll(CorpusRuns.jsonList("chartmogul/bad/" + resource + ".json", "entries"));
        }
      }
      api.start();
      ChartMogulOptions options =
          CorpusRuns.options(
              ChartMogulOptions.class,
              "FlinkRunner",
              runId,
              warehouse,
              "--chartmogulApiBase=" + api.baseUrl(),
              "--chartmogulPageSize=5");
      CorpusRuns.assertDone(
          ChartMogulPipeline.run(
              options, CorpusRuns.NO_SECRETS, Map.of(ChartMogulPipeline.API_KEY_ENV, KEY)::get));
    }
  }

  @Test
  public void theKeyIsInNoLogDeadLetterOrRunAudit() throws Exception {
    CorpusRuns.assertNoSecretAnywhere(runs().output(), mixed(), "Run chartmogul-mixed-1", KEY);
  }
}
