package io.intelligencesuite.transforms.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DuckDB database instance per file per JVM, opened while someone uses it. DuckDB lets one
 * process at a time open a file, so every writer and reader in this JVM (the in-process runners'
 * workers, the CLI) shares one instance and takes its own connection with {@link
 * DuckDBConnection#duplicate()}; and the file is released once no connection has been open for
 * {@link #LINGER_MILLIS}, so another suite process (a second pipeline, {@code ./suite sql}) can
 * take its turn between this one's writes instead of failing on the lock. A process that finds the
 * file held waits for it, saying once which process holds it, for up to {@code
 * -Dsuite.warehouse.waitSeconds} (default 600).
 */
public final class DuckDbConnections {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbConnections.class);

  /** Keeps the file across back-to-back bundles, so a busy writer does not reopen it per bundle. */
  static final long LINGER_MILLIS = 500;

  private static final long FIRST_RETRY_MILLIS = 50;
  private static final long MAX_RETRY_MILLIS = 1_000;

  private static final Map<String, Instance> OPEN = new HashMap<>();
  private static ScheduledExecutorService closer;

  /** The root connection of one file and the connections handed out from it. */
  private static final class Instance {
    final DuckDBConnection root;
    final List<DuckDBConnection> handedOut = new ArrayList<>();
    long lastUsedNanos = System.nanoTime();

    Instance(DuckDBConnection root) {
      this.root = root;
    }

    boolean idle() {
      handedOut.removeIf(DuckDbConnections::closed);
      return handedOut.isEmpty()
          && System.nanoTime() - lastUsedNanos > TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    }
  }

  private DuckDbConnections() {}

  /**
   * A new connection (close it when done) to the database at {@code path}, opening it if needed and
   * waiting while another process holds it. A full disk, a read-only path or a lock that outlasts
   * the wait end in a {@link DuckDbFaults.WarehouseFault} naming the path and the fix.
   */
  public static synchronized DuckDBConnection connect(String path) {
    try {
      Instance instance = OPEN.get(path);
      if (instance == null || closed(instance.root)) {
        instance = new Instance(open(path));
        OPEN.put(path, instance);
        scheduleCloser();
      }
      instance.handedOut.removeIf(DuckDbConnections::closed);
      DuckDBConnection c = (DuckDBConnection) instance.root.duplicate();
      instance.handedOut.add(c);
      instance.lastUsedNanos = System.nanoTime();
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot open the DuckDB warehouse at " + path + ": " + e.getMessage(),
          DuckDbFaults.check(path, "opening it", e));
    }
  }

  /** Opens the file, retrying with backoff while another process holds its lock. */
  private static DuckDBConnection open(String path) throws SQLException {
    try {
      Path file = Path.of(path);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      DuckDbFaults.check(path, "creating its folder", e);
      throw new UncheckedIOException(
          "Cannot create the folder for the DuckDB warehouse " + path, e);
    }
    long waitNanos = TimeUnit.SECONDS.toNanos(Long.getLong("suite.warehouse.waitSeconds", 600));
    long started = System.nanoTime();
    long backoff = FIRST_RETRY_MILLIS;
    boolean told = false;
    while (true) {
      try {
        DuckDBConnection root =
            (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
        if (told) {
          LOG.info(
              "Got the DuckDB warehouse {} after waiting {} s",
              path,
              String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        return root;
      } catch (SQLException e) {
        if (!DuckDbFaults.isLockConflict(e)) {
          throw e;
        }
        if (System.nanoTime() - started > waitNanos) {
          throw DuckDbFaults.check(
              path, "waiting " + TimeUnit.NANOSECONDS.toSeconds(waitNanos) + " s for it", e);
        }
        if (!told) {
          LOG.warn(
              "Waiting for the DuckDB warehouse {}: another process holds it ({}). Waiting up to {} s "
                  + "(-Dsuite.warehouse.waitSeconds); stop that process or use another --warehouse to go on now.",
              path,
              DuckDbFaults.holder(e),
              TimeUnit.NANOSECONDS.toSeconds(waitNanos));
          told = true;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff = Math.min(MAX_RETRY_MILLIS, backoff * 2);
      }
    }
  }

  /** A daemon that releases files nobody in this JVM has used for {@link #LINGER_MILLIS}. */
  private static void scheduleCloser() {
    if (closer == null) {
      closer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "duckdb-idle-closer");
                t.setDaemon(true);
                return t;
              });
      closer.scheduleWithFixedDelay(
          DuckDbConnections::closeIdle, LINGER_MILLIS, LINGER_MILLIS / 2, TimeUnit.MILLISECONDS);
    }
  }

  private static synchronized void closeIdle() {
    List<String> idle = new ArrayList<>();
    OPEN.forEach(
        (path, instance) -> {
          if (instance.idle()) {
            idle.add(path);
          }
        });
    for (String path : idle) {
      try {
        close(path);
      } catch (RuntimeException e) {
        LOG.warn("Could not release the DuckDB warehouse {}: {}", path, e.getMessage());
      }
    }
  }

  /**
   * Closes this JVM's instance for {@code path} (tests, end of CLI commands, after a storage
   * fault): the file is released once the connections still open are closed too.
   */
  public static synchronized void close(String path) {
    Instance instance = OPEN.remove(path);
    if (instance != null) {
      try {
        instance.root.close();
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Cannot close DuckDB at " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Drops this JVM's instance after a storage fault without a final checkpoint error masking the
   * fault: DuckDB invalidates an instance whose checkpoint failed, and the next use must reopen.
   */
  static synchronized void discard(String path) {
    try {
      close(path);
    } catch (RuntimeException e) {
      LOG.debug("Closing {} after a storage fault also failed: {}", path, e.getMessage());
    }
  }

  private static boolean closed(DuckDBConnection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * A JVM-wide lock per database for catalog changes (DuckDB rejects concurrent DDL on a table).
   */
  static Object ddlLock(String path) {
    return LOCKS.computeIfAbsent(path, p -> new Object());
  }

  private static final Map<String, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
}
