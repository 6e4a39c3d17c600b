package io.intelligencesuite.schemas;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.testing.CheckedInFiles;
import io.intelligencesuite.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/**
 * The checked-in docs/tables.md and docs/metrics.md must equal what the registry renders now. To
 * refresh them after a registry change: {@code mvn -pl schemas test -Dtest=GeneratedFilesTest
 * -Dsuite.regenerate=true}. The warehouse schemas are build outputs: the schemas build writes them
 * to target/generated-schemas, and the second test checks what it wrote.
 */
public class GeneratedFilesTest {

  @Test
  public void checkedInDictionariesAreCurrent() {
    CheckedInFiles.assertCurrent(
        GeneratedFiles.docs(),
        "mvn -pl schemas test -Dtest=GeneratedFilesTest -Dsuite.regenerate=true");
  }

  @Test
  public void theBuildWritesOneBigQueryDefinitionPerTableAndTheDuckDbDdl() throws IOException {
    // Written by the antrun <java> step in process-classes (schemas/pom.xml), before the tests run.
    Path out = RepoRoot.get().resolve("schemas/target/generated-schemas");
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
