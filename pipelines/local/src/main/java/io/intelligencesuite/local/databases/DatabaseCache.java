package io.intelligencesuite.local.databases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Built-once folders the embedded databases start from, under {@code .suite/cache/} (or the folder
 * of the {@code suite.cacheDir} system property): MariaDB's unpacked server and an initialised data
 * folder, PostgreSQL's initialised data folder, each keyed by the server's version. Unpacking
 * MariaDB and running {@code mysql_install_db} took 14 to 28 s of each {@code ./suite demo} on this
 * 2-core machine; a copy of the initialised folder takes well under a second.
 *
 * <p>Every start still gets a database of its own: it runs on a fresh copy of the cached data
 * folder, never on the cache itself, so tests that need an empty database get one and reruns see no
 * rows of an earlier run. An entry is built under a lock file (two first runs at once build it
 * once) into a temporary folder that is renamed into place when complete: an entry that exists is
 * whole. Delete {@code .suite/cache/} and the next start rebuilds what it needs.
 */
public final class DatabaseCache {
  /** Builds an entry's content into {@code dir} (empty, exists). */
  @FunctionalInterface
  public interface Builder {
    void build(Path dir) throws Exception;
  }

  private final Path root;

  public DatabaseCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code .suite/cache} of the working folder, or the {@code suite.cacheDir} system property. */
  public static DatabaseCache standard() {
    return new DatabaseCache(Path.of(System.getProperty("suite.cacheDir", ".suite/cache")));
  }

  public Path root() {
    return root;
  }

  /**
   * The folder of entry {@code key} (a file name, such as {@code mariadb-11.4.5}), built by {@code
   * builder} first if it is missing.
   */
  public Path entry(String key, Builder builder) throws Exception {
    if (!key.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("cache key '" + key + "' is not a plain file name");
    }
    Path entry = root.resolve(key);
    if (Files.isDirectory(entry)) {
      return entry;
    }
    Files.createDirectories(root);
    // The file lock keeps other processes out; it cannot be taken twice in one JVM (an
    // OverlappingFileLockException), so threads of this one wait on the monitor first.
    synchronized (JVM_LOCKS.computeIfAbsent(entry, e -> new Object())) {
      return build(key, entry, builder);
    }
  }

  private static final java.util.concurrent.ConcurrentMap<Path, Object> JVM_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Path build(String key, Path entry, Builder builder) throws Exception {
    try (FileChannel lockFile =
            FileChannel.open(
                root.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.isDirectory(entry)) {
        return entry; // another process built it while this one waited for the lock
      }
      Path building = root.resolve(key + ".building-" + ProcessHandle.current().pid());
      deleteTree(building);
      Files.createDirectories(building);
      try {
        builder.build(building);
        Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(building);
      }
      return entry;
    }
  }

  /** Copies the folder tree {@code from} into {@code to} (created if missing). */
  public static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
