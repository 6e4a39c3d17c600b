package io.intelligencesuite.reporting.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The check template's job on the DirectRunner: it records the results and fails on an error. */
public class CheckPipelineTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();
  private DuckDbQueries db;

  @Before
  public void setUp() throws Exception {
    db = duck.queries();
    db.execute("CREATE TABLE placeholder (x INTEGER)");
  }

  private PipelineResult.State run() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    CheckPipeline.build(p, duck.warehouse(), true);
    return p.run().waitUntilFinish();
  }

  private static Row account(String id) {
    return RowBuilder.of(Tables.COMPANIES)
        .set("account_id", id)
        .set("name", "School " + id)
        .set("plan", "growth")
        .set("status", "active")
        .set("created_at", Instant.parse("2025-12-01T10:00:00Z"))
        .build();
  }

  @Test
  public void aWarehouseWithOnlyWarningsPassesAndItsResultsAreRecordedOnce() throws Exception {
    // Nothing loaded and no pipeline run recorded: every table is "not loaded yet", a warning.
    assertEquals(PipelineResult.State.DONE, run());
    long results = ((Number) db.value("SELECT count(*) FROM data_test_results")).longValue();
    long runs =
        ((Number) db.value("SELECT count(DISTINCT run_id) FROM data_test_results")).longValue();
    assertEquals(1, runs);
    assertEquals(
        "one row per registry table but data_test_results itself",
        Tables.all().size() - 1,
        results);
  }

  @Test
  public void anErrorLevelFailureFailsTheJobNamingTheTest() throws Exception {
    // Account 1001 twice: companies' primary key is not unique, an error-level test.
    db.append(Tables.COMPANIES, List.of(account("1001"), account("1001"), account("1002")));
    Exception e = assertThrows(Exception.class, this::run);
    assertThat(e.getMessage(), containsString("Data checks failed"));
    assertThat(e.getMessage(), containsString("companies"));
    assertEquals(
        "recorded once, though the job failed",
        1L,
        ((Number) db.value("SELECT count(DISTINCT run_id) FROM data_test_results")).longValue());
  }
}
