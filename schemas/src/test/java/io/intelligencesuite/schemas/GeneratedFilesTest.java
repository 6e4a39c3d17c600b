package io.intelligencesuite.schemas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
    for (TableDef t : Tables.all()) {
      assertEquals(
          GeneratedFiles.bqSchemaFile(t),
          Files.readString(out.resolve("bq/" + t.name() + ".schema.json")));
    }
    assertEquals(GeneratedFiles.bqTables(), Files.readString(out.resolve("bq/tables.tsv")));
  }

  @Test
  public void theBqCliGetsEveryTableWithItsPartitioningClusteringAndDescriptions() {
    String tsv = GeneratedFiles.bqTables();
    assertEquals(Tables.all().size() + 1, tsv.lines().count());
    // events_web: partitioned by event_date, clustered as the registry says.
    String eventsWeb =
        tsv.lines().filter(l -> l.startsWith("events_web\t")).findFirst().orElseThrow();
    String[] cells = eventsWeb.split("\t");
    assertEquals(4, cells.length);
    assertEquals(Tables.EVENTS_WEB.partitionColumn().orElseThrow(), cells[1]);
    assertEquals(String.join(",", Tables.EVENTS_WEB.clustering()), cells[2]);
    assertEquals(BigQueryTables.description(Tables.EVENTS_WEB), cells[3]);
    // Column descriptions and modes travel in the schema file.
    String fields = GeneratedFiles.bqSchemaFile(Tables.EVENTS_WEB);
    for (Column c : Tables.EVENTS_WEB.columns()) {
      assertTrue(c.name(), fields.contains("\"name\" : \"" + c.name() + "\""));
      assertTrue(c.name(), fields.contains("\"mode\" : \"" + c.mode() + "\""));
    }
  }
}
