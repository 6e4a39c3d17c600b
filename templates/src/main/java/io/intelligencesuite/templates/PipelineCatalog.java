package io.intelligencesuite.templates;

import io.intelligencesuite.marts.IdentityOptions;
import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsOptions;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.marts.reconcile.ReconcileOptions;
import io.intelligencesuite.marts.reconcile.ReconcilePipeline;
import io.intelligencesuite.reporting.checks.CheckOptions;
import io.intelligencesuite.reporting.checks.CheckPipeline;
import io.intelligencesuite.sources.backend.BackendOptions;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.sources.chartmogul.ChartMogulOptions;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.sources.crm.CrmOptions;
import io.intelligencesuite.sources.crm.CrmPipeline;
import io.intelligencesuite.sources.enrichment.EnrichmentOptions;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.sources.ga4.Ga4Options;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.leads.LeadScoringOptions;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.sources.spend.SpendOptions;
import io.intelligencesuite.sources.spend.SpendPipeline;
import io.intelligencesuite.sources.stripe.StripeOptions;
import io.intelligencesuite.sources.stripe.StripePipeline;
import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;

/**
 * Every pipeline once: its name (for {@code ./suite run NAME} and its flex template), its options
 * interface and its {@code run}. The CLI, the flex-template launcher and the template generator all
 * read this list, so a pipeline added here gets a CLI command, a template and a schedule slot. It
 * lives outside the {@code cli} package so the Dataflow image can carry it without the demo.
 */
public final class PipelineCatalog {

  /** One pipeline: name, options interface, and the run that builds and starts it. */
  public record Entry<O extends WarehouseOptions>(
      String name, Class<O> optionsType, Function<O, PipelineResult> run) {

    /**
     * Parses {@code args} into this pipeline's options (validated) and starts it; does not wait.
     */
    public PipelineResult launch(String[] args) {
      return run.apply(SourceLaunch.options(args, optionsType));
    }
  }

  private static final SortedMap<String, Entry<?>> BY_NAME =
      index(
          List.of(
              new Entry<>(Ga4Pipeline.NAME, Ga4Options.class, Ga4Pipeline::run),
              new Entry<>(BackendPipeline.NAME, BackendOptions.class, BackendPipeline::run),
              new Entry<>(
                  LeadScoringPipeline.NAME, LeadScoringOptions.class, LeadScoringPipeline::run),
              new Entry<>(StripePipeline.NAME, StripeOptions.class, StripePipeline::run),
              new Entry<>(
                  ChartMogulPipeline.NAME, ChartMogulOptions.class, ChartMogulPipeline::run),
              new Entry<>(
                  EnrichmentPipeline.NAME, EnrichmentOptions.class, EnrichmentPipeline::run),
              new Entry<>(CrmPipeline.NAME, CrmOptions.class, CrmPipeline::run),
              new Entry<>(SpendPipeline.NAME, SpendOptions.class, SpendPipeline::run),
              new Entry<>(IdentityPipeline.NAME, IdentityOptions.class, IdentityPipeline::run),
              new Entry<>(MartsPipeline.NAME, MartsOptions.class, MartsPipeline::run),
              new Entry<>(CheckPipeline.NAME, CheckOptions.class, CheckPipeline::run),
              new Entry<>(ReconcilePipeline.NAME, ReconcileOptions.class, ReconcilePipeline::run)));

  private PipelineCatalog() {}

  /** Every pipeline, by name (sorted, so generated files list them in a stable order). */
  public static SortedMap<String, Entry<?>> all() {
    return BY_NAME;
  }

  /** The pipeline called {@code name}; the error lists the known names. */
  public static Entry<?> get(String name) {
    Entry<?> entry = BY_NAME.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "unknown pipeline '" + name + "'; pipelines: " + String.join(", ", BY_NAME.keySet()));
    }
    return entry;
  }

  /** Each pipeline's launch function by name: parse the args, start the pipeline. */
  public static SortedMap<String, Function<String[], PipelineResult>> launchers() {
    SortedMap<String, Function<String[], PipelineResult>> launchers = new TreeMap<>();
    BY_NAME.forEach((name, entry) -> launchers.put(name, entry::launch));
    return Collections.unmodifiableSortedMap(launchers);
  }

  private static SortedMap<String, Entry<?>> index(List<Entry<?>> entries) {
    SortedMap<String, Entry<?>> byName = new TreeMap<>();
    for (Entry<?> e : entries) {
      if (byName.put(e.name(), e) != null) {
        throw new IllegalStateException("two pipelines are called " + e.name());
      }
    }
    return Collections.unmodifiableSortedMap(byName);
  }
}
