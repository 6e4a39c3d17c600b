package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's JDBC sources: the demo company's {@code backend/} loaded into an embedded MariaDB and
 * its {@code leads/} into an embedded PostgreSQL, started inside this process; the {@code backend}
 * and {@code lead-scoring} pipelines read them as they would read production databases.
 */
final class DemoJdbcSources implements AutoCloseable {
  private final EmbeddedDatabases.MariaDb maria;
  private final EmbeddedDatabases.Postgres pg;

  private DemoJdbcSources(EmbeddedDatabases.MariaDb maria, EmbeddedDatabases.Postgres pg) {
    this.maria = maria;
    this.pg = pg;
  }

  /** Starts both databases and loads the demo company's CSVs into them. */
  static DemoJdbcSources start(Path demoDir, PrintStream out) throws Exception {
    long started = System.nanoTime();
    out.println(
        "[demo] starting an embedded MariaDB (backend) and PostgreSQL (lead scoring), loading the demo's CSVs...");
    EmbeddedDatabases.MariaDb maria = EmbeddedDatabases.MariaDb.start("backend");
    try {
      EmbeddedDatabases.Postgres pg = EmbeddedDatabases.Postgres.start();
      DemoJdbcSources sources = new DemoJdbcSources(maria, pg);
      try {
        maria.load(demoDir.resolve("backend"));
        pg.load(demoDir.resolve("leads"));
      } catch (Exception e) {
        sources.close();
        throw e;
      }
      out.printf("[demo] databases ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return sources;
    } catch (Exception e) {
      maria.close();
      throw e;
    }
  }

  /** Starts the databases, runs both pipelines, stops the databases; returns the run ids. */
  static List<String> run(Suite suite, Path demoDir, String[] common) throws Exception {
    try (DemoJdbcSources sources = start(demoDir, suite.out())) {
      return sources.run(suite, common);
    }
  }

  /** Runs both pipelines against the running databases; returns their run ids. */
  List<String> run(Suite suite, String[] common) {
    String backend =
        suite.runPipeline(
            BackendPipeline.NAME,
            concat(
                common,
                "--backendJdbcUrl=" + maria.url(),
                "--backendUser=root",
                "--backendPassword="));
    String leads =
        suite.runPipeline(
            LeadScoringPipeline.NAME,
            concat(
                common, "--leadsJdbcUrl=" + pg.url(), "--leadsUser=postgres", "--leadsPassword="));
    return List.of(backend, leads);
  }

  @Override
  public void close() throws Exception {
    try {
      pg.close();
    } finally {
      maria.close();
    }
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
