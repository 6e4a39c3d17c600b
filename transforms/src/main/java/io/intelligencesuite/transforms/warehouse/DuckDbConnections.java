package io.intelligencesuite.transforms.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database instance per file per JVM. DuckDB locks its file per process, so every
 * writer and reader in this JVM (the in-process runners' workers, the CLI) shares one instance and
 * takes its own connection with {@link DuckDBConnection#duplicate()}.
 */
public final class DuckDbConnections {
  private static final Map<String, DuckDBConnection> OPEN = new HashMap<>();

  private DuckDbConnections() {}

  /** A new connection (close it when done) to the database at {@code path}, opening it if needed. */
  public static synchronized DuckDBConnection connect(String path) {
    try {
      DuckDBConnection root = OPEN.get(path);
      if (root == null || root.isClosed()) {
        Path file = Path.of(path);
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
        OPEN.put(path, root);
      }
      return (DuckDBConnection) root.duplicate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the DuckDB warehouse at " + path
          + " (is another suite process using it? DuckDB allows one writer process): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder for the DuckDB warehouse " + path, e);
    }
  }

  /** Closes the instance for {@code path}, releasing the file lock (tests, end of CLI commands). */
  public static synchronized void close(String path) {
    Connection root = OPEN.remove(path);
    if (root != null) {
      try {
        root.close();
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot close DuckDB at " + path, e);
      }
    }
  }

  /** A JVM-wide lock per database for catalog changes (DuckDB rejects concurrent DDL on a table). */
  static Object ddlLock(String path) {
    return LOCKS.computeIfAbsent(path, p -> new Object());
  }

  private static final Map<String, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
}
