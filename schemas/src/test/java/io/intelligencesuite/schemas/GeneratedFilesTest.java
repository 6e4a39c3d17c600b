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
 * The checked-in docs/tables.md and docs/metrics.md must equal what the registry renders now. To
 * refresh them after a registry change: {@code mvn -pl schemas test -Dtest=GeneratedFilesTest
 * -Dsuite.regenerate=true}. The warehouse schemas are build outputs: the schemas build writes them
 * to target/generated-schemas, and the second test checks what it wrote.
 */
public class GeneratedFilesTest {

  static Path repoRoot() {
    String root = System.getProperty("suite.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  @Test
  public void checkedInDictionariesAreCurrent() throws IOException {
    Path root = repoRoot();
    Map<String, String> expected = GeneratedFiles.docs();
    if (Boolean.getBoolean("suite.regenerate")) {
      GeneratedFiles.write(root, expected);
    }
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
  }

  @Test
  public void theBuildWritesOneBigQueryDefinitionPerTableAndTheDuckDbDdl() throws IOException {
    // Written by exec-maven-plugin in process-classes (schemas/pom.xml), before the tests run.
    Path out = repoRoot().resolve("schemas/target/generated-schemas");
    for (TableDef t : Tables.all()) {
      String json = Files.readString(out.resolve("bigquery/" + t.name() + ".json"));
      assertEquals(GeneratedFiles.bigQueryJson(t), json);
    }
    try (var files = Files.list(out.resolve("bigquery"))) {
      assertEquals("one file per registry table", Tables.all().size(), files.count());
    }
    assertEquals(GeneratedFiles.duckDbDdl(), Files.readString(out.resolve("duckdb/tables.sql")));
  }
}
