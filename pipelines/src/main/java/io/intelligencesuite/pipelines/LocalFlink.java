package io.intelligencesuite.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  static final String CONFIGURATION = """
      taskmanager.memory.managed.size: 768m
      taskmanager.runtime.large-record-handler: true
      """;

  private LocalFlink() {}

  /**
   * The runner flags: Flink, its configuration, and {@code --fasterCopy} because our DoFns never
   * mutate their inputs, so Flink may skip its defensive copies between operators.
   */
  public static String[] args() {
    return new String[] {"--runner=FlinkRunner", "--fasterCopy=true", "--flinkConfDir=" + confDir()};
  }

  /** Stack of the thread that submits a pipeline in {@link #run}: reserved, touched only as used. */
  static final long SUBMIT_STACK_BYTES = 512L << 20;

  /**
   * Runs the pipeline from a thread with a large stack. The embedded cluster copies the job graph
   * by Java serialization, which recurses once per operator it reaches; identity resolution's
   * unrolled rounds make hundreds of operators, and in a cold JVM (interpreted frames) that
   * overflowed the default 1 MB stack of the calling thread. Other runners merely submit from that
   * thread too.
   */
  public static PipelineResult run(Pipeline pipeline) {
    AtomicReference<PipelineResult> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread submit =
        new Thread(
            null,
            () -> {
              try {
                result.set(pipeline.run());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "pipeline-submit",
            SUBMIT_STACK_BYTES);
    submit.start();
    try {
      submit.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while submitting the pipeline", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
    return result.get();
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
      throw new UncheckedIOException("Cannot write the Flink configuration under java.io.tmpdir", e);
    }
  }
}
