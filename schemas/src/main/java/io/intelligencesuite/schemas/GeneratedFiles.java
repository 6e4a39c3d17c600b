package io.intelligencesuite.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files generated from the registry, in two kinds.
 *
 * <ul>
 *   <li>{@link #docs()}: the data dictionary {@code docs/tables.md} and the metrics dictionary
 *       {@code docs/metrics.md}, checked in because people read them on the repository and review a
 *       table or metric change through their diff. {@code GeneratedFilesTest} fails when a
 *       checked-in copy is stale; run it with {@code -Dsuite.regenerate=true} to rewrite them.
 *   <li>{@link #warehouseSchemas()}: one BigQuery table definition per table (the REST Table
 *       resource: schema, partitioning, clustering, description), the DuckDB DDL, and for the
 *       {@code bq} CLI one schema file per table plus {@code bq/tables.tsv} (partitioning,
 *       clustering, description), which templates/deploy.sh creates or updates the dataset's tables
 *       from. They are derived outputs, not checked in (the sinks also create tables from the
 *       registry itself, and docs/tables.md shows every column for review): the schemas build
 *       writes them to {@code schemas/target/generated-schemas/} ({@link #main}).
 * </ul>
 */
public final class GeneratedFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GeneratedFiles() {}

  /** The checked-in dictionaries: repository-relative path -> expected content. */
  public static Map<String, String> docs() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("docs/tables.md", TableDocs.render());
    files.put("docs/metrics.md", MetricDocs.render());
    return files;
  }

  /** The derived warehouse schemas: path relative to the output folder -> content. */
  public static Map<String, String> warehouseSchemas() {
    Map<String, String> files = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      files.put("bigquery/" + t.name() + ".json", bigQueryJson(t));
    }
    files.put("duckdb/tables.sql", duckDbDdl());
    for (TableDef t : Tables.all()) {
      files.put("bq/" + t.name() + ".schema.json", bqSchemaFile(t));
    }
    files.put("bq/tables.tsv", bqTables());
    return files;
  }

  /** Writes {@code files} (relative path -> content) under {@code root}. */
  public static void write(Path root, Map<String, String> files) {
    files.forEach(
        (path, content) -> {
          try {
            Path target = root.resolve(path);
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot write generated file " + path + " under " + root, e);
          }
        });
  }

  static String bigQueryJson(TableDef t) {
    ObjectNode table = JSON.createObjectNode();
    table.putObject("tableReference").put("tableId", t.name());
    table.put("description", BigQueryTables.description(t));
    table.putObject("schema").set("fields", fields(t));
    t.partitionColumn()
        .ifPresent(c -> table.putObject("timePartitioning").put("type", "DAY").put("field", c));
    if (!t.clustering().isEmpty()) {
      ArrayNode cols = table.putObject("clustering").putArray("fields");
      t.clustering().forEach(cols::add);
    }
    try {
      return JSON.writeValueAsString(table) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table's BigQuery columns: name, type, mode, description. */
  private static ArrayNode fields(TableDef t) {
    ArrayNode fields = JSON.createArrayNode();
    for (TableFieldSchema f : BigQueryTables.schema(t).getFields()) {
      fields
          .addObject()
          .put("name", f.getName())
          .put("type", f.getType())
          .put("mode", f.getMode())
          .put("description", f.getDescription());
    }
    return fields;
  }

  /** The columns as the {@code bq} CLI's schema file takes them (name, type, mode, description). */
  static String bqSchemaFile(TableDef t) {
    try {
      return JSON.writeValueAsString(fields(t)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One line per table for templates/deploy.sh's {@code bq mk} / {@code bq update}: name, day
   * partitioning column (or -), clustering columns comma-separated (or -), description.
   */
  static String bqTables() {
    StringBuilder tsv = new StringBuilder("# table\tpartition column\tclustering\tdescription\n");
    for (TableDef t : Tables.all()) {
      tsv.append(t.name())
          .append('\t')
          .append(t.partitionColumn().orElse("-"))
          .append('\t')
          .append(t.clustering().isEmpty() ? "-" : String.join(",", t.clustering()))
          .append('\t')
          .append(BigQueryTables.description(t).replaceAll("\\s+", " "))
          .append('\n');
    }
    return tsv.toString();
  }

  static String duckDbDdl() {
    return "-- Generated from the schema registry (schemas/src/main/java/io/intelligencesuite/schemas/Tables.java)\n"
        + "-- by the schemas build (`mvn -pl schemas process-classes`); change the registry, not this file.\n\n"
        + Tables.all().stream()
            .map(t -> DuckDbDdl.createTable(t) + "\n" + DuckDbDdl.comments(t))
            .collect(Collectors.joining("\n"));
  }

  /**
   * Writes the warehouse schemas under {@code OUTPUT_DIR}: {@code GeneratedFiles OUTPUT_DIR}. The
   * schemas build runs it in process-classes with {@code target/generated-schemas}.
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "Usage: GeneratedFiles OUTPUT_DIR (e.g. schemas/target/generated-schemas); got "
              + args.length
              + " arguments");
    }
    Path out = Path.of(args[0]);
    Map<String, String> files = warehouseSchemas();
    write(out, files);
    System.out.println(
        "Wrote " + files.size() + " warehouse schema files under " + out.toAbsolutePath());
  }
}
