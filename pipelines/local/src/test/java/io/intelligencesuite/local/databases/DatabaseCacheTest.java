package io.intelligencesuite.local.databases;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The built-once folders the embedded databases start from. */
public class DatabaseCacheTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anEntryIsBuiltOnceReusedAndRebuiltWhenMissing() throws Exception {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath().resolve("cache"));
    AtomicInteger builds = new AtomicInteger();
    DatabaseCache.Builder builder =
        dir -> Files.writeString(dir.resolve("built"), "build " + builds.incrementAndGet());

    Path first = cache.entry("db-1.0", builder);
    Path again = cache.entry("db-1.0", builder);
    assertEquals(first, again);
    assertEquals(1, builds.get());
    assertEquals("build 1", Files.readString(first.resolve("built")));

    DatabaseCache.deleteTree(first);
    Path rebuilt = cache.entry("db-1.0", builder);
    assertEquals(2, builds.get());
    assertEquals("build 2", Files.readString(rebuilt.resolve("built")));
  }

  @Test
  public void aFailedBuildLeavesNoEntryAndTheNextCallBuildsAgain() throws Exception {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath());
    assertThrows(
        IllegalStateException.class,
        () ->
            cache.entry(
                "db-2.0",
                dir -> {
                  Files.writeString(dir.resolve("half"), "x");
                  throw new IllegalStateException("install failed");
                }));
    assertFalse(Files.exists(tmp.getRoot().toPath().resolve("db-2.0")));
    // No half-built folder is left behind either (only the lock file).
    try (var left = Files.list(tmp.getRoot().toPath())) {
      assertEquals(
          java.util.List.of("db-2.0.lock"), left.map(p -> p.getFileName().toString()).toList());
    }
    Path entry = cache.entry("db-2.0", dir -> Files.writeString(dir.resolve("ok"), "y"));
    assertTrue(Files.exists(entry.resolve("ok")));
  }

  @Test
  public void threadsOfOneJvmBuildAnEntryOnce() throws Exception {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath());
    AtomicInteger builds = new AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Path>>();
      for (int i = 0; i < 4; i++) {
        futures.add(
            pool.submit(
                () ->
                    cache.entry(
                        "db-3.0",
                        dir -> {
                          builds.incrementAndGet();
                          Thread.sleep(200);
                        })));
      }
      for (var f : futures) {
        assertEquals(tmp.getRoot().toPath().resolve("db-3.0"), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, builds.get());
  }

  @Test
  public void aKeyMustBeAPlainFileName() {
    DatabaseCache cache = new DatabaseCache(tmp.getRoot().toPath());
    assertThrows(IllegalArgumentException.class, () -> cache.entry("../escape", dir -> {}));
  }
}
