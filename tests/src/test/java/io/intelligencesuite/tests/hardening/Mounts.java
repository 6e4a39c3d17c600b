package io.intelligencesuite.tests.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Real storage faults for the warehouse tests, made with the kernel rather than mocked: a tiny
 * tmpfs that fills up (ENOSPC) and a read-only bind mount (EROFS). Both need root with
 * CAP_SYS_ADMIN (the sandbox and CI container run as root); without it a tmpfs is unavailable, and
 * read-only falls back to file permissions, which bind a non-root user.
 */
final class Mounts {
  private Mounts() {}

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Mounts a tmpfs of {@code size} (e.g. "8m") on {@code dir}; false where mounting is not allowed.
   */
  static boolean tmpfs(Path dir, String size) {
    return root() && run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
  }

  /**
   * Makes {@code dir} and everything in it read-only for this process: a read-only bind mount of
   * the folder on itself as root (root ignores permissions), else permissions without write bits.
   */
  static boolean readOnly(Path dir) throws IOException {
    if (root()) {
      return run("mount", "--bind", dir.toString(), dir.toString())
          && run("mount", "-o", "remount,ro,bind", dir.toString());
    }
    Set<PosixFilePermission> readOnly =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, EnumSet.of(PosixFilePermission.OWNER_READ));
      }
    }
    Files.setPosixFilePermissions(dir, readOnly);
    return true;
  }

  /** Undoes {@link #tmpfs} or {@link #readOnly} (no-op if nothing is mounted there). */
  static void restore(Path dir) throws IOException {
    if (root()) {
      run("umount", dir.toString());
    } else if (Files.exists(dir)) {
      Files.setPosixFilePermissions(dir, EnumSet.allOf(PosixFilePermission.class));
    }
  }

  /** Fills the filesystem of {@code dir} with one file until the disk says no more; returns it. */
  static Path fill(Path dir) throws IOException {
    Path filler = dir.resolve("filler.bin");
    byte[] block = new byte[64 * 1024];
    try (var out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
    return filler;
  }

  private static boolean run(String... command) {
    try {
      List<String> cmd = new ArrayList<>(List.of(command));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      boolean done = p.waitFor(10, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes());
      if (!done || p.exitValue() != 0) {
        System.err.println("Mounts: " + String.join(" ", cmd) + " failed: " + out);
        return false;
      }
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
