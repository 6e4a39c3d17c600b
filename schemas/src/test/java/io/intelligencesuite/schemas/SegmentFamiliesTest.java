package io.intelligencesuite.schemas;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/**
 * Which families each metric is reported by, and that the generated metrics doc says the same: mrr
 * by all five segment families, cac by channel only, win_rate (crm_deals) by none,
 * feature_adoption_rate by feature alone.
 */
public class SegmentFamiliesTest {
  @Test
  public void eachKindOfMetricHasItsFamilies() {
    assertEquals(
        List.of("plan", "interval", "country", "size", "channel"), SegmentFamilies.of(Metrics.MRR));
    assertEquals(List.of("channel"), SegmentFamilies.of(Metrics.CAC));
    assertEquals(List.of(), SegmentFamilies.of(Metrics.WIN_RATE));
    assertEquals(List.of("feature"), SegmentFamilies.of(Metrics.FEATURE_ADOPTION_RATE));
  }

  @Test
  public void theMetricsDocShowsEachMetricsFamilies() {
    String md = MetricDocs.render();
    assertThat(
        section(md, "mrr"),
        containsString(
            "| dimension | `all`; by `plan:<value>`, `interval:<value>`, `country:<value>`,"
                + " `size:<value>`, `channel:<value>` |"));
    assertThat(section(md, "cac"), containsString("| dimension | `all`; by `channel:<value>` |"));
    assertThat(section(md, "win_rate"), containsString("| dimension | `all` only |"));
    assertThat(
        section(md, "feature_adoption_rate"),
        containsString("| dimension | `feature:<value>` only (a row per feature, no `all`) |"));
  }

  /** The doc's section of one metric, from its heading to the next. */
  private static String section(String md, String metric) {
    int start = md.indexOf("\n### " + metric + "\n");
    return md.substring(start, md.indexOf("\n### ", start + 1));
  }
}
