package io.intelligencesuite.schemas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/**
 * The checked-in BigQuery schemas, DuckDB DDL, docs/tables.md and docs/metrics.md must equal what
 * the registry renders now. To refresh them after a registry change: {@code mvn -pl schemas test
 * -Dtest=GeneratedFilesTest -Dsuite.regenerate=true}.
 */
public class GeneratedFilesTest {

  static Path repoRoot() {
    String root = System.getProperty("suite.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  @Test
  public void checkedInGeneratedFilesAreCurrent() throws IOException {
    Path root = repoRoot();
    if (Boolean.getBoolean("suite.regenerate")) {
      GeneratedFiles.writeAll(root);
    }
    Map<String, String> expected = GeneratedFiles.render();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path file = root.resolve(e.getKey());
      assertTrue(file + " is missing; regenerate with -Dsuite.regenerate=true", Files.exists(file));
      assertEquals(
          file
              + " is stale; regenerate with "
              + "`mvn -pl schemas test -Dtest=GeneratedFilesTest -Dsuite.regenerate=true`",
          e.getValue(),
          Files.readString(file, StandardCharsets.UTF_8));
    }
    // No orphan: every checked-in BigQuery schema belongs to a registry table.
    try (var files = Files.list(root.resolve("schemas/bigquery"))) {
      files.forEach(
          f ->
              assertTrue(
                  f + " has no table in the registry; delete it",
                  expected.containsKey("schemas/bigquery/" + f.getFileName())));
    }
  }
}
