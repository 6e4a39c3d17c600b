package io.intelligencesuite.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of this JVM over an interval: the heap's peak (sum of the heap pools' peaks, which
 * the JVM tracks exactly) and the process's peak resident set (Linux {@code VmHWM}). Both are reset
 * by {@link #reset()}, so one JVM can measure several pipelines run one after another.
 */
public final class PeakMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  /**
   * Peak heap and peak RSS in bytes; {@code rssBytes} is -1 where Linux's /proc is not available.
   */
  public record Peak(long heapBytes, long rssBytes) {
    public long heapMb() {
      return heapBytes >> 20;
    }

    public long rssMb() {
      return rssBytes < 0 ? -1 : rssBytes >> 20;
    }
  }

  private PeakMemory() {}

  /** Starts a new interval: the peaks are set back to the current usage. */
  public static void reset() {
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    try {
      // "5" resets the peak RSS (VmHWM) to the current RSS (Linux 4.0+, proc(5)).
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or not allowed: the RSS peak then covers the process's whole life so far.
    }
  }

  /** The peaks since the last {@link #reset()}. */
  public static Peak read() {
    long heap = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Peak(heap, residentHighWaterMark());
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
  }

  private static long residentHighWaterMark() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return -1;
  }
}
