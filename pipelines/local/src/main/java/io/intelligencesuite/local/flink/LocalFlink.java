package io.intelligencesuite.local.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * The embedded Flink runner as the suite runs it locally (the CLI's default, the demo, the bench
 * and the tests that use Flink): one place for its flags and its Flink configuration.
 */
public final class LocalFlink {
  /**
   * The mini-cluster's settings. Managed memory: the marts have many sort-based shuffles, and the
   * default 128 MB is too little for all their sorters at once ("Too little memory provided to
   * sorter"). Large-record handler: without it a record bigger than a sort buffer (about 1.3 MB
   * here; a 10 MB text column is enough) fails the job ("The record exceeds the maximum size of a
   * sort buffer"); with it such a record is spilled to disk and sorted by its key alone.
   */
  static final String CONFIGURATION =
      """
      taskmanager.memory.managed.size: 768m
      taskmanager.runtime.large-record-handler: true
      """;

  private LocalFlink() {}

  /**
   * The runner flags: Flink, its configuration, and {@code --fasterCopy} because our DoFns never
   * mutate their inputs, so Flink may skip its defensive copies between operators.
   */
  public static String[] args() {
    return new String[] {
      "--runner=FlinkRunner", "--fasterCopy=true", "--flinkConfDir=" + confDir()
    };
  }

  /**
   * Stack of the thread that submits a pipeline in {@link #run}: reserved, touched only as used.
   */
  static final long SUBMIT_STACK_BYTES = 512L << 20;

  /**
   * Runs {@code work} on a thread with a large stack and returns its result. The embedded cluster
   * copies the job graph by Java serialization, which recurses once per operator it reaches;
   * identity resolution's unrolled rounds make hundreds of operators, and in a cold JVM
   * (interpreted frames) that overflowed the default 1 MB stack of the calling thread. The CLI runs
   * every command this way, so a pipeline submitted from any command has the room.
   */
  public static <T> T onLargeStack(Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicReference<Error> error = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(work.call());
              } catch (Exception e) {
                failure.set(e);
              } catch (Error e) {
                error.set(e);
              }
            },
            "suite-main",
            SUBMIT_STACK_BYTES);
    thread.start();
    thread.join();
    if (error.get() != null) {
      throw error.get();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** {@link Pipeline#run} on a thread with a large stack: see {@link #onLargeStack}. */
  public static PipelineResult run(Pipeline pipeline) {
    try {
      return onLargeStack(pipeline::run);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A folder holding {@code flink-conf.yaml} with {@link #CONFIGURATION}, under java.io.tmpdir. */
  public static synchronized String confDir() {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "suite-flink-conf");
      Files.createDirectories(dir);
      Path file = dir.resolve("flink-conf.yaml");
      if (!Files.exists(file) || !Files.readString(file).equals(CONFIGURATION)) {
        Files.writeString(file, CONFIGURATION);
      }
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the Flink configuration under java.io.tmpdir", e);
    }
  }
}
