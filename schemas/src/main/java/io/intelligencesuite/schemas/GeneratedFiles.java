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
 * The files generated from the registry and checked in: one BigQuery table definition per table
 * (the REST Table resource: schema, partitioning, clustering, description), the DuckDB DDL, and the
 * data dictionary {@code docs/tables.md} and the metrics dictionary {@code docs/metrics.md}. {@code
 * GeneratedFilesTest} fails when a checked-in copy is stale; run it with {@code
 * -Dsuite.regenerate=true} to rewrite them.
 */
public final class GeneratedFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GeneratedFiles() {}

  /** Repository-relative path -> expected content, in a stable order. */
  public static Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      files.put("schemas/bigquery/" + t.name() + ".json", bigQueryJson(t));
    }
    files.put("schemas/duckdb/tables.sql", duckDbDdl());
    files.put("docs/tables.md", TableDocs.render());
    files.put("docs/metrics.md", MetricDocs.render());
    return files;
  }

  /** Writes every generated file under the repository root. */
  public static void writeAll(Path repoRoot) {
    render()
        .forEach(
            (path, content) -> {
              try {
                Path target = repoRoot.resolve(path);
                Files.createDirectories(target.getParent());
                Files.writeString(target, content, StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
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
    return "-- Generated from the schema registry (schemas/src/main/java/io/intelligencesuite/schemas/Tables.java).\n"
        + "-- Do not edit by hand: run `mvn -pl schemas test -Dtest=GeneratedFilesTest -Dsuite.regenerate=true`.\n\n"
        + Tables.all().stream()
            .map(t -> DuckDbDdl.createTable(t) + "\n" + DuckDbDdl.comments(t))
            .collect(Collectors.joining("\n"));
  }

  /** Entry point for regeneration outside the test: {@code GeneratedFiles REPO_ROOT}. */
  public static void main(String[] args) {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    writeAll(root);
    System.out.println(
        "Wrote " + render().size() + " generated files under " + root.toAbsolutePath());
  }
}
