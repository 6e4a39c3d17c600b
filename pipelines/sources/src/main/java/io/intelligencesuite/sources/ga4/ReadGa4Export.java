package io.intelligencesuite.sources.ga4;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the given GA4 export shards from BigQuery (Storage Read API by default) and renders each
 * row as the same newline-JSON shape the file reader sees, so parsing, dedupe and dead letters are
 * one code path whatever the source. BigQuery returns INT64 as strings, which the parser accepts.
 */
final class ReadGa4Export extends PTransform<PBegin, PCollection<String>> {
  private final String project;
  private final String dataset;
  private final List<String> tables;
  private final Method method;
  private final @Nullable BigQueryServices services;

  ReadGa4Export(
      String project,
      String dataset,
      List<String> tables,
      Method method,
      @Nullable BigQueryServices services) {
    this.project = project;
    this.dataset = dataset;
    this.tables = List.copyOf(tables);
    this.method = method;
    this.services = services;
  }

  /** The given shard tables of the export dataset {@code PROJECT.DATASET}. */
  static ReadGa4Export of(
      String projectDotDataset,
      List<String> tables,
      Method method,
      @Nullable BigQueryServices services) {
    int dot = projectDotDataset.indexOf('.');
    return new ReadGa4Export(
        projectDotDataset.substring(0, dot),
        projectDotDataset.substring(dot + 1),
        tables,
        method,
        services);
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    if (tables.isEmpty()) {
      return begin.apply("No shards in the window", Create.empty(TypeDescriptors.strings()));
    }
    PCollectionList<TableRow> shards = PCollectionList.empty(begin.getPipeline());
    for (String table : tables) {
      BigQueryIO.TypedRead<TableRow> read =
          BigQueryIO.readTableRows()
              .from(
                  new TableReference()
                      .setProjectId(project)
                      .setDatasetId(dataset)
                      .setTableId(table))
              .withMethod(method);
      if (services != null) {
        read = read.withTestServices(services).withoutValidation();
      }
      shards = shards.and(begin.apply("Read " + table, read));
    }
    return shards
        .apply("All shards", Flatten.pCollections())
        .apply(
            "As export JSON",
            MapElements.into(TypeDescriptors.strings()).via(ReadGa4Export::toJson));
  }

  static String toJson(TableRow row) {
    try {
      return GsonFactory.getDefaultInstance().toString(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
