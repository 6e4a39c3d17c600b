package io.intelligencesuite.tests;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import java.sql.SQLException;
import org.junit.rules.ExternalResource;

/**
 * An embedded source database for one test class, as a {@code @ClassRule}: started and set up
 * before the class's first test, closed after its last (also when the set-up failed half-way).
 */
public final class ClassDatabase<D extends EmbeddedDatabases.Database> extends ExternalResource {
  /** Starts a database, or fails. */
  public interface Start<D> {
    D start() throws Exception;
  }

  /** Fills a started database (loads files, creates test tables, adds users). */
  public interface SetUp<D> {
    void accept(D db) throws Exception;
  }

  private final Start<D> start;
  private final SetUp<D> setUp;
  private D db;

  private ClassDatabase(Start<D> start, SetUp<D> setUp) {
    this.start = start;
    this.setUp = setUp;
  }

  /** An embedded MariaDB with database {@code database}, then {@code setUp}. */
  public static ClassDatabase<EmbeddedDatabases.MariaDb> mariaDb(
      String database, SetUp<EmbeddedDatabases.MariaDb> setUp) {
    return new ClassDatabase<>(() -> EmbeddedDatabases.MariaDb.start(database), setUp);
  }

  /** An embedded PostgreSQL, then {@code setUp}. */
  public static ClassDatabase<EmbeddedDatabases.Postgres> postgres(
      SetUp<EmbeddedDatabases.Postgres> setUp) {
    return new ClassDatabase<>(EmbeddedDatabases.Postgres::start, setUp);
  }

  /** The running database (only between the class's first and last test). */
  public D get() {
    if (db == null) {
      throw new IllegalStateException("the database runs only while the test class does");
    }
    return db;
  }

  /** Runs {@code statements} in order on the running database, as its superuser. */
  public void execute(String... statements) throws SQLException {
    get().execute(statements);
  }

  @Override
  protected void before() throws Throwable {
    db = start.start();
    try {
      setUp.accept(db);
    } catch (Exception | AssertionError e) {
      after(); // JUnit calls after() only when before() succeeded
      throw e;
    }
  }

  @Override
  protected void after() {
    if (db != null) {
      try {
        db.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the embedded database", e);
      } finally {
        db = null;
      }
    }
  }
}
