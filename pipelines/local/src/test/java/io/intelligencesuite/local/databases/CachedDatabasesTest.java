package io.intelligencesuite.local.databases;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The embedded databases start from the cache's built-once folders, and every start is still a
 * fresh database: what one start wrote is not in the next.
 */
public class CachedDatabasesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void mariaDbIsInstalledOnceAndEachStartIsAFreshDatabase() throws Exception {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath());
    Path entry =
        tmp.getRoot().toPath().resolve("mariadb-" + EmbeddedDatabases.MariaDb.MARIADB_VERSION);
    try (EmbeddedDatabases.MariaDb first = EmbeddedDatabases.MariaDb.start("app", cache)) {
      first.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1), (2)");
      assertEquals(2, count(first, "SELECT count(*) FROM t"));
    }
    assertTrue(Files.isDirectory(entry.resolve("data/mysql")));
    FileTime installed = Files.getLastModifiedTime(entry);
    try (EmbeddedDatabases.MariaDb second = EmbeddedDatabases.MariaDb.start("app", cache)) {
      // The first start's table is gone: the second runs on a new copy of the installed folder.
      assertEquals(
          0,
          count(
              second, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app'"));
    }
    assertEquals("reused, not rebuilt", installed, Files.getLastModifiedTime(entry));

    DatabaseCache.deleteTree(entry);
    try (EmbeddedDatabases.MariaDb third = EmbeddedDatabases.MariaDb.start("app", cache)) {
      assertEquals(1, count(third, "SELECT 1"));
    }
    assertTrue("rebuilt when missing", Files.isDirectory(entry.resolve("data/mysql")));
  }

  @Test
  public void postgresIsInitialisedOnceAndEachStartIsAFreshDatabase() throws Exception {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath());
    Path entry =
        tmp.getRoot().toPath().resolve("postgresql-" + EmbeddedDatabases.Postgres.POSTGRES_VERSION);
    Path firstData;
    try (EmbeddedDatabases.Postgres first = EmbeddedDatabases.Postgres.start(cache)) {
      first.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1), (2), (3)");
      assertEquals(3, count(first, "SELECT count(*) FROM t"));
      firstData = dataDirectory(first);
    }
    assertFalse("a start's own folder goes when it stops", Files.exists(firstData));
    assertTrue(Files.exists(entry.resolve("data/PG_VERSION")));
    FileTime initialised = Files.getLastModifiedTime(entry);
    try (EmbeddedDatabases.Postgres second = EmbeddedDatabases.Postgres.start(cache)) {
      assertEquals(0, count(second, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"));
    }
    assertEquals("reused, not rebuilt", initialised, Files.getLastModifiedTime(entry));
  }

  private static Path dataDirectory(EmbeddedDatabases.Database db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW data_directory")) {
      r.next();
      return Path.of(r.getString(1));
    }
  }

  private static long count(EmbeddedDatabases.Database db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
