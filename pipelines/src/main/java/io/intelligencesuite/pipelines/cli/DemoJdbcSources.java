package io.intelligencesuite.pipelines.cli;

import io.intelligencesuite.pipelines.backend.BackendPipeline;
import io.intelligencesuite.pipelines.jdbc.EmbeddedDatabases;
import io.intelligencesuite.pipelines.leads.LeadScoringPipeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's JDBC sources: loads the demo company's {@code backend/} into an embedded MariaDB and
 * its {@code leads/} into an embedded PostgreSQL, started inside this process, then runs the
 * {@code backend} and {@code lead-scoring} pipelines against them as against production databases.
 */
final class DemoJdbcSources {
  private DemoJdbcSources() {}

  /** Runs both pipelines; returns their run ids. The databases stop when this returns. */
  static List<String> run(Suite suite, Path demoDir, String[] common) throws Exception {
    PrintStream out = suite.out();
    long started = System.nanoTime();
    out.println("[demo] starting an embedded MariaDB (backend) and PostgreSQL (lead scoring), loading the demo's CSVs...");
    try (EmbeddedDatabases.MariaDb maria = EmbeddedDatabases.MariaDb.start("backend");
        EmbeddedDatabases.Postgres pg = EmbeddedDatabases.Postgres.start()) {
      maria.load(demoDir.resolve("backend"));
      pg.load(demoDir.resolve("leads"));
      out.printf("[demo] databases ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      String backend = suite.runPipeline(BackendPipeline.NAME, concat(common,
          "--backendJdbcUrl=" + maria.url(), "--backendUser=root", "--backendPassword="));
      String leads = suite.runPipeline(LeadScoringPipeline.NAME, concat(common,
          "--leadsJdbcUrl=" + pg.url(), "--leadsUser=postgres", "--leadsPassword="));
      return List.of(backend, leads);
    }
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
