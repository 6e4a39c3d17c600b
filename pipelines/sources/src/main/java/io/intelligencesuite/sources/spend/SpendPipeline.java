package io.intelligencesuite.sources.spend;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.CsvRecords;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Marketing spend -> {@code marketing_spend}: read (each Google Ads account's Data Transfer tables
 * through the warehouse reader, summed per campaign and day; other networks' CSV exports) -> parse
 * ({@link SpendRecords}, dead letters) -> deduplicate by network, campaign and day -> write ->
 * audit. Every source is read whole, so the run replaces the whole table: rerunning it is
 * idempotent, and a network left out of a run is left out of the table.
 */
public final class SpendPipeline {
  public static final String NAME = PipelineNames.SPEND;

  private SpendPipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, SpendOptions.class, SpendPipeline::run);
  }

  public static PipelineResult run(SpendOptions options) {
    return SourceLaunch.run(options, pipeline -> build(pipeline, options, null));
  }

  /** Adds the spend pipeline to {@code pipeline}; test BigQuery services when given. */
  public static RunContext build(
      Pipeline pipeline, SpendOptions options, @Nullable BigQueryServices testServices) {
    List<String> customers = GoogleAdsTransfer.customerIds(options.getGoogleAdsCustomerIds());
    String csv = options.getSpendCsvFiles();
    if (customers.isEmpty() && (csv == null || csv.isBlank())) {
      throw new IllegalArgumentException(
          "nothing to read: set --googleAdsCustomerIds=ID,... (Google Ads transfer tables)"
              + " and/or --spendCsvFiles=GLOB (other networks' CSV exports)");
    }
    Warehouse ads =
        Warehouse.parse(
            options.getGoogleAdsDataset() == null || options.getGoogleAdsDataset().isBlank()
                ? options.getWarehouse()
                : options.getGoogleAdsDataset());
    RunContext run = RunContext.start(NAME, options, null);
    List<PCollection<String>> parts = new ArrayList<>();
    for (String customer : customers) {
      parts.add(
          pipeline.apply(
              new ReadGoogleAdsSpend(
                  customer,
                  options.getGoogleAdsTablePrefix(),
                  options.getGoogleAdsCurrency(),
                  ads,
                  testServices)));
    }
    if (csv != null && !csv.isBlank()) {
      parts.add(
          pipeline
              .apply("Match spend CSV", FileIO.match().filepattern(csv))
              .apply("Open spend CSV", FileIO.readMatches())
              .apply("CSV rows", ParDo.of(new CsvRows()))
              .setCoder(StringUtf8Coder.of()));
    }
    PCollection<String> records =
        PCollectionList.of(parts).apply("All spend", Flatten.pCollections());
    LoadSource.of(run)
        .add(
            records,
            // Both sources hold their whole history and are read whole: every day is replaced.
            // Ordered by date, which all copies of a key share: copies that disagree are dead
            // letters, never a silent pick.
            TableLoad.ofText(Tables.MARKETING_SPEND, "date", SpendRecords::parse)
                .replacing(ReplaceWindow.allDays()))
        .load();
    return run;
  }

  /** One CSV file -> one record per data row ({@link CsvRecords}: quoted cells, broken rows). */
  static final class CsvRows extends DoFn<FileIO.ReadableFile, String> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<String> out)
        throws IOException {
      for (CsvRecords.Row row : CsvRecords.read(file.readFullyAsUTF8String())) {
        out.output(SpendRecords.csv(row));
      }
    }
  }
}
