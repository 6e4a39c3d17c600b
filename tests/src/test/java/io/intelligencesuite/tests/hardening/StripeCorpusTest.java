package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.stripe.StripeOptions;
import io.intelligencesuite.sources.stripe.StripePipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The Stripe pipeline over corpus/stripe (README.md there): the real stripe-java client against the
 * local Stripe API serving the good objects, then good + bad, with a recognisable fake key and a
 * rate-limited first page (so the retry path logs); on the embedded Flink runner (the DirectRunner
 * needed minutes for these six tables: its per-stage bookkeeping), a handful of objects.
 */
public class StripeCorpusTest extends CorpusPipelineTest {
  static final String KEY = "sk_test_HardeningFakeKey_5f1c0ffee0ddba11";

  public StripeCorpusTest() {
    super(
        "stripe",
        // customers 7, subscriptions 5 + the one item with a negative quantity, invoices 6 + the
        // one line of the year-9999 invoice, charges 7
        7 + 5 + 1 + 6 + 1 + 7,
        Tables.CUSTOMERS,
        Tables.SUBSCRIPTIONS,
        Tables.SUBSCRIPTION_ITEMS,
        Tables.INVOICES,
        Tables.INVOICE_LINES,
        Tables.PAYMENTS);
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    try (LocalStripeApi api = new LocalStripeApi(corpus("stripe/good"))) {
      if (withBad) {
        for (String resource : List.of("customers", "subscriptions", "invoices", "charges")) {
          for (JsonNode o : CorpusRuns.jsonList("stripe/bad/" + resource + ".json", "data")) {
            api.objects(resource).add((ObjectNode) o);
          }
        }
      }
      api.fault("/v1/customers", 1, 1, 429, 0).start();
      StripeOptions options =
          CorpusRuns.options(
              StripeOptions.class,
              "FlinkRunner",
              runId,
              warehouse,
              "--stripeApiBase=" + api.baseUrl(),
              "--stripeRetryBackoffMillis=10",
              "--stripeMaxNetworkRetries=0",
              // each corpus is another account's snapshot, not changes since the last run's cursor
              "--fullRefresh=true");
      CorpusRuns.assertDone(
          StripePipeline.run(
              options, CorpusRuns.NO_SECRETS, Map.of(StripePipeline.API_KEY_ENV, KEY)::get));
    }
  }

  @Test
  public void theKeyIsInNoLogDeadLetterOrRunAudit() throws Exception {
    CorpusRuns.assertNoSecretAnywhere(runs().output(), mixed(), "Stripe fetch:", KEY);
  }
}
