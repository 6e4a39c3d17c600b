package io.intelligencesuite.local.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster on this machine: one JobManager and {@code taskManagers}
 * TaskManagers, each its own JVM started from Flink's own entry points ({@code
 * StandaloneSessionClusterEntrypoint}, {@code TaskManagerRunner}) with the memory flags Flink's
 * start scripts would compute. Pipelines reach it through FlinkRunner's remote {@code
 * --flinkMaster}, so their DoFns run in other processes than the one that built the graph: a
 * pipeline that leans on static state or on work done at launch fails here, as it would on
 * Dataflow.
 *
 * <p>The suite's jar is on every JVM's class path, as a job jar in Flink's {@code lib/} folder
 * would be, so each job stages an empty jar instead of 500 MB. Closing stops every process; a JVM
 * shutdown hook does the same if the caller dies first.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /**
   * Per TaskManager: one slot, so two TaskManagers give parallelism 2 across two processes, and the
   * same managed memory per slot as the embedded runner ({@link LocalFlink#CONFIGURATION}).
   */
  static String configuration(int rpcPort, int restPort, int parallelism) {
    return "jobmanager.rpc.address: localhost\n"
        + "jobmanager.bind-host: localhost\n"
        + "jobmanager.rpc.port: "
        + rpcPort
        + "\n"
        + "rest.address: localhost\n"
        + "rest.bind-address: localhost\n"
        + "rest.port: "
        + restPort
        + "\n"
        + "taskmanager.host: localhost\n"
        + "taskmanager.bind-host: localhost\n"
        + "taskmanager.numberOfTaskSlots: 1\n"
        + "parallelism.default: "
        + parallelism
        + "\n"
        + "jobmanager.memory.process.size: 1024m\n"
        + "taskmanager.memory.process.size: 3072m\n"
        // Network buffers: a job's shuffles all share the one slot, and the default tenth of
        // the memory (about 6,500 buffers) was too few for lead scoring's ("Insufficient number
        // of network buffers: required 512, but only 384 available").
        + "taskmanager.memory.network.min: 512m\n"
        + "taskmanager.memory.network.max: 512m\n"
        // Each blocking result partition of a batch job holds this many buffers while it is
        // written (Flink's default is 512). The marts job keeps so many partitions open in the one
        // slot that 512 each ran out of the 16,384 buffers above ("required 512, but only 489
        // available"); 128 each lets the job grow without the TaskManagers' memory growing too.
        + "taskmanager.network.sort-shuffle.min-buffers: 128\n"
        + LocalFlink.CONFIGURATION
        // The job's classes are on the TaskManagers' own class path (see the class comment).
        + "classloader.resolve-order: parent-first\n";
  }

  private final Path dir;
  private final int restPort;
  private final int taskManagers;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "flink-cluster-stop");

  private LocalFlinkCluster(Path dir, int restPort, int taskManagers) {
    this.dir = dir;
    this.restPort = restPort;
    this.taskManagers = taskManagers;
  }

  /**
   * Starts the cluster with its configuration and logs under {@code dir} and waits until every
   * TaskManager has registered; stops what it started if that fails.
   */
  public static LocalFlinkCluster start(Path dir, int taskManagers) throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf);
    Files.createDirectories(dir.resolve("log"));
    int restPort = freePort();
    Files.writeString(
        conf.resolve(GlobalConfiguration.LEGACY_FLINK_CONF_FILENAME),
        configuration(freePort(), restPort, taskManagers));
    try (JarOutputStream empty = new JarOutputStream(Files.newOutputStream(emptyJar(dir)))) {
      // A job jar with nothing in it: the classes are already on the cluster's class path.
    }
    LocalFlinkCluster cluster = new LocalFlinkCluster(dir, restPort, taskManagers);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.launch(
          "jobmanager",
          List.of(),
          "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          List.of("--configDir", conf.toString()));
      TaskExecutorProcessSpec spec =
          TaskExecutorProcessUtils.processSpecFromConfig(
              GlobalConfiguration.loadConfiguration(conf.toString(), new Configuration()));
      List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
      List<String> dynamic = split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
      for (int i = 1; i <= taskManagers; i++) {
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(dynamic);
        cluster.launch(
            "taskmanager-" + i,
            jvm,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            args);
      }
      cluster.awaitTaskManagers();
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of the cluster's REST endpoint, FlinkRunner's {@code --flinkMaster}. */
  public String master() {
    return "localhost:" + restPort;
  }

  /** The runner flags that send a pipeline to this cluster. */
  public String[] args() {
    return new String[] {
      "--runner=FlinkRunner",
      "--flinkMaster=" + master(),
      "--parallelism=" + taskManagers,
      "--fasterCopy=true",
      "--filesToStage=" + emptyJar(dir)
    };
  }

  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run: nothing left to remove.
    }
  }

  private synchronized void stopProcesses() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    processes.clear();
  }

  private void launch(String name, List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlog.file=" + dir.resolve("log").resolve(name + ".log"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Path log = dir.resolve("log").resolve(name + ".out");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    LOG.info("Started Flink {} (pid {}), output in {}", name, p.pid(), log);
  }

  private void awaitTaskManagers() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest overview =
        HttpRequest.newBuilder(URI.create("http://" + master() + "/overview"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Pattern registered = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");
    int seen = 0;
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IOException(
              "A Flink process of the local cluster exited with code "
                  + p.exitValue()
                  + " while starting; see its output under "
                  + dir.resolve("log"));
        }
      }
      try {
        Matcher m =
            registered.matcher(http.send(overview, HttpResponse.BodyHandlers.ofString()).body());
        if (m.find()) {
          seen = Integer.parseInt(m.group(1));
          if (seen >= taskManagers) {
            LOG.info("Flink cluster at {} has {} TaskManagers", master(), seen);
            return;
          }
        }
      } catch (IOException notUpYet) {
        // The JobManager's REST endpoint is not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the Flink cluster", e);
      }
      sleep(500);
    }
    throw new IOException(
        "The local Flink cluster had "
            + seen
            + " of "
            + taskManagers
            + " TaskManagers after "
            + START_TIMEOUT.toSeconds()
            + " s; see the logs under "
            + dir.resolve("log"));
  }

  private static Path emptyJar(Path dir) {
    return dir.resolve("empty-job.jar");
  }

  private static List<String> split(String flags) {
    return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port for the Flink cluster", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
