package io.intelligencesuite.transforms.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storage faults of the embedded warehouse (a full disk, a read-only path, a file locked by another
 * process) turned into an error that names the file and the fix; any other error is left as it is.
 * DuckDB reports these as generic "IO Error" / "TransactionContext Error" texts, so they are told
 * apart by DuckDB's own wording (duckdb_jdbc 2.0: "Could not write file ...: No space left on
 * device", "Cannot open file ...: Read-only file system", "Could not set lock on file ...:
 * Conflicting lock is held in EXE (PID N)").
 */
public final class DuckDbFaults {
  private static final Pattern HOLDER =
      Pattern.compile("Conflicting lock is held in (.*?) \\(PID (\\d+)\\)");

  private DuckDbFaults() {}

  /**
   * The warehouse file or its disk refused the write; the message says which path and what to do.
   */
  public static final class WarehouseFault extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    WarehouseFault(String message, Throwable duckDbError) {
      // Not the cause: the CLI prints the root cause's message, and this one is the useful one.
      // DuckDB's own error stays attached (printed with the stack trace) as a suppressed exception.
      super(message);
      addSuppressed(duckDbError);
    }
  }

  /**
   * Throws a {@link WarehouseFault} if {@code e} is a storage fault of the warehouse at {@code
   * path}, else returns {@code e} for the caller to rethrow: {@code throw DuckDbFaults.check(path,
   * what, e)}. {@code doing} says what was being done ("replacing events_web") and what that leaves
   * behind.
   */
  public static <E extends Exception> E check(String path, String doing, E e) {
    Optional<String> fault = describe(path, e);
    if (fault.isPresent()) {
      if (!isLockConflict(e)) {
        DuckDbConnections.discard(path);
      }
      throw new WarehouseFault(fault.get() + " (while " + doing + ")", e);
    }
    return e;
  }

  static Optional<String> describe(String path, Throwable e) {
    String said = String.valueOf(e.getMessage());
    String text = said.toLowerCase(Locale.ROOT);
    String folder = folder(path);
    if (text.contains("no space left on device")
        || text.contains("file too large")
        || text.contains("disk quota exceeded")) {
      return Optional.of(
          "The disk holding the DuckDB warehouse "
              + path
              + " is full (DuckDB: "
              + said
              + "). "
              + "Free space where it lives (df -h "
              + folder
              + ") or point --warehouse=duckdb:PATH at a disk with room, "
              + "then rerun; the failed write was rolled back");
    }
    if (text.contains("read-only file system") || text.contains("permission denied")) {
      return Optional.of(
          "The DuckDB warehouse "
              + path
              + " cannot be written: the file or its folder is read-only "
              + "(DuckDB: "
              + said
              + "). Make "
              + folder
              + " and the file writable for this user (DuckDB also writes "
              + path
              + ".wal next to it) or point --warehouse=duckdb:PATH at a writable place");
    }
    if (isLockConflict(e)) {
      return Optional.of(
          "The DuckDB warehouse "
              + path
              + " is in use by another process ("
              + holder(e)
              + "); DuckDB allows one process at a time. Wait for that run to finish or stop it, or use another "
              + "--warehouse=duckdb:PATH");
    }
    return Optional.empty();
  }

  static boolean isLockConflict(Throwable e) {
    return String.valueOf(e.getMessage()).contains("Could not set lock on file");
  }

  /**
   * "PID 123: java suite.jar run ga4" from DuckDB's lock error: the process id and, where the OS
   * shows it, the command without its options (an option may carry a password).
   */
  static String holder(Throwable e) {
    Matcher m = HOLDER.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return "process unknown";
    }
    long pid = Long.parseLong(m.group(2));
    String[] args = commandLine(pid);
    StringBuilder command = new StringBuilder(Path.of(m.group(1)).getFileName().toString());
    int shown = 0;
    for (int i = 1; i < args.length && shown < 4; i++) {
      String a = args[i];
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        i++;
      } else if (!a.isEmpty() && !a.startsWith("-")) {
        command.append(' ').append(a.contains("/") ? Path.of(a).getFileName() : a);
        shown++;
      }
    }
    return "PID " + pid + ": " + command;
  }

  /**
   * The process's command line where the OS shows it (Linux /proc; ProcessHandle often has no
   * arguments).
   */
  private static String[] commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .split("\0");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  private static String folder(String path) {
    Path parent = Path.of(path).getParent();
    return parent == null ? "." : parent.toString();
  }
}
