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

  private static final String STARTING =
      "[demo] starting an embedded MariaDB (backend) and PostgreSQL (lead scoring), loading the"
          + " demo's CSVs...";

  /** Starts both databases and loads the demo company's CSVs into them. */
  static DemoJdbcSources start(Path demoDir, PrintStream out) throws Exception {
    long started = System.nanoTime();
    out.println(STARTING);
    EmbeddedDatabases.MariaDb maria = startMaria(demoDir);
    try {
      EmbeddedDatabases.Postgres pg = startPostgres(demoDir);
      out.printf("[demo] databases ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return new DemoJdbcSources(maria, pg);
    } catch (Exception e) {
      maria.close();
      throw e;
    }
  }

  /**
   * The demo's way: each database started, loaded and read by its pipeline on a thread of its own,
   * then stopped; returns the run ids (backend, lead-scoring). One after the other, the backend
   * waited for PostgreSQL to start and load, and lead scoring for the backend's run, a chain longer
   * than any other source's; side by side, each database's start-up (a server process, its system
   * tables, the CSVs) overlaps the other side's. Both sides run to their end; then the first
   * failure is thrown.
   */
  static List<String> run(Suite suite, Path demoDir, String[] common) throws Exception {
    PrintStream out = suite.out();
    out.println(STARTING);
    return Demo.runSideBySide(
        List.of(
            side(
                BackendPipeline.NAME,
                "MariaDB (backend)",
                out,
                () -> startMaria(demoDir),
                maria -> runBackend(suite, common, maria)),
            side(
                LeadScoringPipeline.NAME,
                "PostgreSQL (lead scoring)",
                out,
                () -> startPostgres(demoDir),
                pg -> runLeadScoring(suite, common, pg))));
  }

  /**
   * One side of {@link #run(Suite, Path, String[])}: start and load a database, read it, stop it.
   */
  private static <D extends EmbeddedDatabases.Database> Demo.Step side(
      String pipeline,
      String database,
      PrintStream out,
      java.util.concurrent.Callable<D> start,
      java.util.function.Function<D, String> read) {
    return new Demo.Step(
        pipeline,
        () -> {
          long started = System.nanoTime();
          try (D db = start.call()) {
            out.printf(
                "[demo] %s ready in %.1f s%n", database, (System.nanoTime() - started) / 1e9);
            return List.of(read.apply(db));
          }
        });
  }

  /** Runs both pipelines against the running databases; returns their run ids. */
  List<String> run(Suite suite, String[] common) {
    return List.of(runBackend(suite, common, maria), runLeadScoring(suite, common, pg));
  }

  /** MariaDB started with the demo company's {@code backend/} loaded; stopped if loading fails. */
  private static EmbeddedDatabases.MariaDb startMaria(Path demoDir) throws Exception {
    return loaded(EmbeddedDatabases.MariaDb.start("backend"), demoDir.resolve("backend"));
  }

  /** PostgreSQL started with the demo company's {@code leads/} loaded; stopped if loading fails. */
  private static EmbeddedDatabases.Postgres startPostgres(Path demoDir) throws Exception {
    return loaded(EmbeddedDatabases.Postgres.start(), demoDir.resolve("leads"));
  }

  /** {@code db} with {@code dir} loaded into it; closed (not leaked) when loading fails. */
  private static <D extends EmbeddedDatabases.Database> D loaded(D db, Path dir) throws Exception {
    try {
      db.load(dir);
      return db;
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  private static String runBackend(Suite suite, String[] common, EmbeddedDatabases.MariaDb maria) {
    return suite.runPipeline(
        BackendPipeline.NAME,
        concat(
            common, "--backendJdbcUrl=" + maria.url(), "--backendUser=root", "--backendPassword="));
  }

  private static String runLeadScoring(
      Suite suite, String[] common, EmbeddedDatabases.Postgres pg) {
    return suite.runPipeline(
        LeadScoringPipeline.NAME,
        concat(common, "--leadsJdbcUrl=" + pg.url(), "--leadsUser=postgres", "--leadsPassword="));
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
