package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One data test, dbt style: {@code sql} is a SELECT that returns the failing rows, so zero rows
 * means pass. The SQL is portable between DuckDB and BigQuery (standard joins, window functions,
 * EXTRACT, literals without escapes), and names tables unqualified: BigQuery runs it with the
 * warehouse's dataset as the default dataset. The failing rows start with their key, so a failure
 * names the bad rows.
 *
 * @param name unique dbt-style name, e.g. {@code relationships_fact_revenue_customer_id}
 * @param table the table the test is about
 * @param columns the column(s) tested; empty for table-level tests
 * @param needs every table the SQL reads: the test runs only when all of them exist
 * @param message what a failure means and where to look
 */
public record DataTest(
    String name,
    TestKind kind,
    String table,
    List<String> columns,
    Severity severity,
    String sql,
    List<String> needs,
    String message) {
  public DataTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(sql, "sql");
    columns = List.copyOf(columns);
    needs = List.copyOf(needs);
  }
}
