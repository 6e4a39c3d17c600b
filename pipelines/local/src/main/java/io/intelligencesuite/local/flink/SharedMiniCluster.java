package io.intelligencesuite.local.flink;

import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.Reference;

/**
 * One embedded Flink cluster for every batch job of this JVM, started in the background as soon as
 * the CLI knows it will run a pipeline. Beam's Flink runner otherwise starts a mini-cluster per
 * job: its RPC system (Pekko, about 1,400 classes unpacked from a nested jar into a class loader of
 * its own on every start, outside the AppCDS archive), its job manager, REST endpoint and task
 * manager, all before the job's first row, and again for each of the demo's dozen jobs.
 *
 * <p>Beam picks the cluster up through Flink's context environment: with {@code flinkMaster} {@code
 * [auto]} (the runner's default) it runs a batch job on {@link
 * ExecutionEnvironment#getExecutionEnvironment()}, which {@link #install()} points here. Only the
 * local CLI installs it; on Dataflow, or with another {@code --flinkMaster}, nothing changes.
 */
public final class SharedMiniCluster {
  private SharedMiniCluster() {}

  /**
   * Slots: the demo runs up to six source jobs side by side, each at the runner's local parallelism
   * (one per core); a job that finds no free slot waits for one.
   */
  static final int SLOTS = 6 * Runtime.getRuntime().availableProcessors();

  /** The name Flink's executor lookup knows this cluster's executor by. */
  static final String TARGET = "suite-shared-minicluster";

  /**
   * Jobs the cluster's network buffers are sized for: the demo's six side by side unless the
   * command said it runs one job at a time ({@link #oneJobAtATime()}).
   */
  private static int jobsSideBySide = SLOTS / Runtime.getRuntime().availableProcessors();

  private static CompletableFuture<MiniCluster> cluster;

  private static boolean contextInstalled;

  /** Jobs submitted to the shared cluster by this JVM (the tests check that jobs share it). */
  static final java.util.concurrent.atomic.AtomicInteger SUBMITTED =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * For a command that runs its jobs one after another ({@code ./suite run}, {@code ./suite
   * reconcile}: one command per JVM): network buffers for one job, 64 MB, what Beam's per-job
   * cluster of the runner's parallelism had, instead of 384 MB for six. Flink allocates and zeroes
   * the whole pool when the cluster starts (12,288 direct buffers of 32 KB), on the cluster-start
   * thread that competes with the pipeline's construction on a small machine (issue 23, the time
   * before the first row). Call before {@link #install()}; once the cluster started, no effect.
   */
  public static synchronized void oneJobAtATime() {
    if (cluster == null) {
      jobsSideBySide = 1;
    }
  }

  /**
   * Starts the shared cluster on a background thread (once per JVM) and makes it the context
   * environment of Flink batch jobs; returns at once.
   */
  public static synchronized void install() {
    if (cluster == null) {
      cluster = CompletableFuture.supplyAsync(SharedMiniCluster::start, SharedMiniCluster::daemon);
    }
    if (!contextInstalled) {
      Context.install();
      contextInstalled = true;
    }
  }

  /**
   * Clears the context environment, for a job sent to a named cluster ({@code --flinkMaster}):
   * Flink refuses to create a remote environment while a context environment is set, so a run for a
   * cluster after a run on the shared one in the same JVM (the tests, the bench) would fail. The
   * shared cluster keeps running; the next {@link #install()} points jobs at it again.
   */
  public static synchronized void uninstall() {
    if (contextInstalled) {
      Context.reset();
      contextInstalled = false;
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "suite-flink-cluster-start");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The cluster's settings: {@link LocalFlink#CONFIGURATION}'s managed memory per pair of slots
   * (what a per-job cluster of the runner's parallelism had; Flink reserves it as sorters ask), the
   * network buffers a per-job cluster had per job side by side, a free REST port.
   */
  static synchronized Configuration configuration() {
    return configuration(jobsSideBySide);
  }

  static Configuration configuration(int jobsSideBySide) {
    Configuration conf =
        GlobalConfiguration.loadConfiguration(LocalFlink.confDir(), new Configuration());
    int perJobClusters = SLOTS / Runtime.getRuntime().availableProcessors();
    conf.set(
        TaskManagerOptions.MANAGED_MEMORY_SIZE,
        conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE).multiply(perJobClusters));
    org.apache.flink.configuration.MemorySize network =
        org.apache.flink.configuration.MemorySize.ofMebiBytes(64L * jobsSideBySide);
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, SLOTS);
    conf.set(RestOptions.BIND_PORT, "0");
    // As Beam does for its local clusters: the classes are the application's, nothing leaks.
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    return conf;
  }

  private static MiniCluster start() {
    try {
      MiniClusterConfiguration settings =
          new MiniClusterConfiguration.Builder()
              .setConfiguration(configuration())
              .setNumTaskManagers(1)
              .setNumSlotsPerTaskManager(SLOTS)
              .setRpcServiceSharing(RpcServiceSharing.SHARED)
              .build();
      Optional<RpcSystem> onClassPath = rpcSystemOnClassPath();
      MiniCluster mc =
          onClassPath.isPresent()
              ? new MiniCluster(settings, () -> Reference.owned(onClassPath.get()))
              : new MiniCluster(settings);
      mc.start();
      return mc;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Flink cluster", e);
    }
  }

  /**
   * Flink's RPC system (Pekko) when its jar is on the class path, as the suite jar's manifest puts
   * it ({@code flink-rpc-akka.jar} beside {@code suite.jar}, unpacked by the build): its classes
   * then come from the application class loader, so the AppCDS archive holds them. Otherwise (the
   * tests, a jar without it) empty, and Flink does as it always does: copies the nested {@code
   * flink-rpc-akka.jar} to a temporary file and loads its 1,400-odd classes in a class loader of
   * their own (never archived, defined and verified again on every start).
   */
  static Optional<RpcSystem> rpcSystemOnClassPath() {
    return ServiceLoader.load(RpcSystem.class, SharedMiniCluster.class.getClassLoader())
        .findFirst();
  }

  /** Submits a job graph to the shared cluster; its client leaves the cluster running after. */
  private static final PipelineExecutor EXECUTOR =
      (pipeline, conf, classLoader) -> {
        var jobGraph = PipelineExecutorUtils.getJobGraph(pipeline, conf, classLoader);
        MiniCluster mc = cluster.join();
        SUBMITTED.incrementAndGet();
        return mc.submitJob(jobGraph)
            .thenApply(
                submitted ->
                    new MiniClusterJobClient(
                        submitted.getJobID(),
                        mc,
                        classLoader,
                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
      };

  private static final PipelineExecutorServiceLoader EXECUTORS =
      new PipelineExecutorServiceLoader() {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration conf) {
          return new PipelineExecutorFactory() {
            @Override
            public String getName() {
              return TARGET;
            }

            @Override
            public boolean isCompatibleWith(Configuration c) {
              return TARGET.equals(c.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration c) {
              return EXECUTOR;
            }
          };
        }

        @Override
        public Stream<String> getExecutorNames() {
          return Stream.of(TARGET);
        }
      };

  /** Flink's context-environment hook is protected: reached from a subclass. */
  private static final class Context extends ExecutionEnvironment {
    static void install() {
      initializeContextEnvironment(
          () -> {
            Configuration conf = new Configuration();
            conf.set(DeploymentOptions.TARGET, TARGET);
            conf.set(DeploymentOptions.ATTACHED, true);
            ExecutionEnvironment env =
                new ExecutionEnvironment(
                    EXECUTORS, conf, Thread.currentThread().getContextClassLoader());
            // Beam's local parallelism: one per core.
            env.setParallelism(Runtime.getRuntime().availableProcessors());
            return env;
          });
    }

    static void reset() {
      resetContextEnvironment();
    }
  }
}
