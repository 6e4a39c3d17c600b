package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.testing.TestTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Schema evolution on BigQuery with Beam's fake services: a table created under an older registry
 * gets the new NULLABLE column through an {@code ALTER TABLE ... ADD COLUMN} script before the
 * replace transaction, and a breaking change is refused before any script runs, leaving the table
 * as it was.
 *
 * <p>What the fakes cannot show: that BigQuery accepts the DDL as written ({@code ADD COLUMN IF NOT
 * EXISTS ... OPTIONS(description = ...)}, {@code ALTER COLUMN ... DROP NOT NULL}) and runs it
 * outside the transaction; here {@link AlterInFake} applies the ADD COLUMN to the fake's schema the
 * way BigQuery documents it (appended, NULLABLE) and hands every other script to {@link
 * DuckDbEmulatedScripts}. Nor that a WRITE_TRUNCATE load of a snapshot table replaces its schema
 * (BigQuery's documented behaviour, which the snapshot tables rely on instead of this rule).
 */
public class SchemaEvolutionBigQueryTest {
  private static final String PROJECT = "suite-test";
  private static final String DATASET = "analytics";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery(PROJECT, DATASET);

  private final TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
  private final TableReference ref =
      new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(t.name());

  /** Every ALTER script the sink sent (static, like the fakes' own state). */
  static final List<String> ALTERS = Collections.synchronizedList(new ArrayList<>());

  @Before
  public void setUp() {
    ALTERS.clear();
    DuckDbEmulatedScripts.clear();
  }

  /** ALTER scripts applied to the fake's schema; the replace scripts emulated on DuckDB. */
  static final class AlterInFake implements BigQueryScripts {
    private static final Pattern ADD =
        Pattern.compile("ALTER TABLE `[^`]+` ADD COLUMN IF NOT EXISTS (\\w+) (\\w+) ");
    private final DuckDbEmulatedScripts replace;
    private final String targetId; // a TableReference is not serializable

    AlterInFake(TableDef table) {
      this.replace = new DuckDbEmulatedScripts(table);
      this.targetId = table.name();
    }

    @Override
    public void run(String project, String script, PipelineOptions options) throws IOException {
      if (!script.startsWith("ALTER TABLE")) {
        replace.run(project, script, options);
        return;
      }
      ALTERS.add(script);
      try {
        FakeDatasetService datasets = new FakeDatasetService();
        TableReference target =
            new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(targetId);
        Table table = datasets.getTable(target);
        List<TableFieldSchema> fields = new ArrayList<>(table.getSchema().getFields());
        Matcher m = ADD.matcher(script);
        while (m.find()) {
          fields.add(new TableFieldSchema().setName(m.group(1)).setType(m.group(2)));
        }
        datasets.updateTableSchema(target, new TableSchema().setFields(fields));
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
  }

  private void write(List<Row> rows) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(rows).withRowSchema(t.schema()))
        .apply(
            WriteTable.to(t, Warehouse.parse("bigquery:" + PROJECT + "." + DATASET))
                .replacingWindow(ReplaceWindow.noDays())
                .withBigQueryServices(bigQuery.services)
                .withBigQueryScripts(new AlterInFake(t)));
    p.run().waitUntilFinish();
  }

  /** Creates the target with the registry's columns, {@code change} applied to them. */
  private void existingTable(java.util.function.UnaryOperator<List<TableFieldSchema>> change)
      throws Exception {
    List<TableFieldSchema> fields =
        change.apply(new ArrayList<>(BigQueryTables.schema(t).getFields()));
    bigQuery.datasets.createTable(
        new Table().setTableReference(ref).setSchema(new TableSchema().setFields(fields)));
    TableRow old = new TableRow();
    old.set("event_id", "old")
        .set("event_date", "2026-01-01")
        .set("event_ts", "2026-01-01 00:00:00");
    old.set("amount", "3");
    bigQuery.datasets.insertAll(ref, List.of(old), null);
  }

  private static List<TableFieldSchema> without(List<TableFieldSchema> fields, String name) {
    fields.removeIf(f -> f.getName().equals(name));
    return fields;
  }

  @Test
  public void aNewNullableColumnIsAddedByDdlBeforeTheTransactionAndItsValuesLandInIt()
      throws Exception {
    existingTable(fields -> without(fields, "score"));

    // event(t, "new", ..., 6): score = 6 / 4.0 = 1.5.
    write(List.of(event(t, "new", "2026-01-02", 6)));

    assertEquals(
        List.of(
            "ALTER TABLE `suite-test.analytics."
                + t.name()
                + "` ADD COLUMN IF NOT EXISTS score FLOAT64 OPTIONS(description = \"A score\");\n"),
        ALTERS);
    // The replace script ran after it and named its columns.
    assertThat(
        DuckDbEmulatedScripts.SCRIPTS.get(0),
        containsString(
            "INSERT INTO `suite-test.analytics."
                + t.name()
                + "` (event_id, event_date, event_ts, amount, score, is_paid, payload, run_id)"));
    List<TableFieldSchema> fields = bigQuery.datasets.getTable(ref).getSchema().getFields();
    assertEquals("score", fields.get(fields.size() - 1).getName());
    List<String> scores =
        bigQuery.rows(t.name()).stream()
            .map(r -> r.get("event_id") + "=" + r.get("score"))
            .sorted()
            .collect(Collectors.toList());
    assertEquals(2, scores.size());
    assertThat(scores.get(0), containsString("new=1.5"));
    assertEquals("old=null", scores.get(1));
  }

  @Test
  public void aChangedTypeIsRefusedBeforeAnyScriptRunsAndTheTableIsAsItWas() throws Exception {
    existingTable(
        fields -> {
          fields.stream()
              .filter(f -> f.getName().equals("amount"))
              .forEach(f -> f.setType("STRING"));
          return fields;
        });

    RuntimeException e =
        assertThrows(RuntimeException.class, () -> write(List.of(event(t, "a", "2026-01-01", 1))));

    assertThat(e.getMessage(), containsString("Schema change refused: " + t.name()));
    assertThat(e.getMessage(), containsString("`suite-test.analytics." + t.name() + "`"));
    assertThat(e.getMessage(), containsString("amount is STRING in the table but INT64"));
    assertTrue(ALTERS.isEmpty());
    assertTrue(DuckDbEmulatedScripts.SCRIPTS.isEmpty());
    assertEquals(List.of("old"), bigQuery.texts(t.name(), "event_id"));
  }

  @Test
  public void legacyTypeNamesFromTheApiAreTheSameTypes() {
    // tables.get answers INTEGER / FLOAT / BOOLEAN where the registry's schema says INT64 ...
    Table existing =
        new Table()
            .setSchema(
                new TableSchema()
                    .setFields(
                        BigQueryTables.schema(t).getFields().stream()
                            .map(
                                f ->
                                    f.clone()
                                        .setType(
                                            switch (f.getType()) {
                                              case "INT64" -> "INTEGER";
                                              case "FLOAT64" -> "FLOAT";
                                              case "BOOL" -> "BOOLEAN";
                                              default -> f.getType();
                                            }))
                            .collect(Collectors.toList())));
    SchemaDrift drift = BigQuerySink.drift(t, ref, existing);
    assertEquals(false, drift.isBreaking());
    assertEquals("", BigQuerySink.evolveScript(drift, ref));
  }
}
