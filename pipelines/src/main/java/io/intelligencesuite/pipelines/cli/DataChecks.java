package io.intelligencesuite.pipelines.cli;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Data tests over the embedded warehouse, dbt style: each check is a query that counts failing
 * rows; zero means pass. Error-level failures make {@code suite check} exit non-zero. (NOT NULL is
 * enforced by the DDL itself, so it is not re-tested here.)
 */
final class DataChecks {
  enum Level { ERROR, WARN }

  record Result(String name, Level level, long failures, String hint) {
    boolean passed() {
      return failures == 0;
    }
  }

  private final DuckDbQueries warehouse;

  DataChecks(DuckDbQueries warehouse) {
    this.warehouse = warehouse;
  }

  List<Result> run() throws SQLException {
    List<Result> results = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      if (!warehouse.tableExists(t.name())) {
        continue;
      }
      String key = String.join(", ", t.primaryKey());
      results.add(new Result("unique " + t.name() + " (" + key + ")", Level.ERROR,
          count("SELECT count(*) FROM (SELECT " + key + " FROM " + t.name() + " GROUP BY " + key + " HAVING count(*) > 1)"),
          "duplicate keys: the pipeline's dedupe or the window replace is broken"));
    }
    if (warehouse.tableExists("pipeline_runs")) {
      results.add(new Result("latest run of each pipeline balanced", Level.ERROR,
          count("SELECT count(*) FROM (SELECT pipeline, arg_max(status, started_at) AS status FROM pipeline_runs "
              + "GROUP BY pipeline) WHERE status <> 'succeeded'"),
          "rows read != written + duplicates + dead-lettered; see pipeline_runs"));
      if (warehouse.tableExists("dead_letters")) {
        results.add(new Result("no dead letters in the latest runs", Level.WARN,
            count("SELECT count(*) FROM dead_letters WHERE run_id IN "
                + "(SELECT arg_max(run_id, started_at) FROM pipeline_runs GROUP BY pipeline)"),
            "inspect with: ./suite sql \"select target_table, reason, count(*) from dead_letters group by all\""));
      }
    }
    return results;
  }

  private long count(String sql) throws SQLException {
    return ((Number) warehouse.value(sql)).longValue();
  }
}
