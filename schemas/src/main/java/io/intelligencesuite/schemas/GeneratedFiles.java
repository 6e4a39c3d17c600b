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
 *       resource: schema, partitioning, clustering, description) and the DuckDB DDL. Nothing in the
 *       repository reads them (the sinks create tables from the registry itself, and docs/tables.md
 *       shows every column, partitioning and clustering for review), so they are derived outputs:
 *       the schemas build writes them to {@code schemas/target/generated-schemas/} ({@link #main})
 *       for whoever wants to create the tables by hand.
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
    table.put("description", t.description() + " Grain: " + t.grain() + ".");
    ArrayNode fields = table.putObject("schema").putArray("fields");
    for (TableFieldSchema f : BigQueryTables.schema(t).getFields()) {
      fields
          .addObject()
          .put("name", f.getName())
          .put("type", f.getType())
          .put("mode", f.getMode())
          .put("description", f.getDescription());
    }
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
