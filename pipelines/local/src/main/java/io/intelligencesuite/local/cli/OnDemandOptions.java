package io.intelligencesuite.local.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.beam.runners.dataflow.DataflowPipelineRegistrar;
import org.apache.beam.runners.direct.DirectRegistrar;
import org.apache.beam.sdk.extensions.gcp.options.GcpPipelineOptionsRegistrar;
import org.apache.beam.sdk.io.gcp.common.GcpIoPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.DefaultPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.ManualDockerEnvironmentOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.apache.beam.sdk.options.RemoteEnvironmentOptions;
import org.apache.beam.sdk.transforms.resourcehints.ResourceHintsOptions;
import org.apache.beam.sdk.util.construction.ExternalTranslationOptionsRegistrar;

/**
 * The options interfaces the suite jar leaves out of Beam's registry, registered only when a
 * command line names one of their options: the Google Cloud ones (the Dataflow runner's, GCP
 * core's, GCP IO's: {@code --project}, {@code --region}, {@code --gcpTempLocation}, ...) and Beam
 * core's and the direct runner's beyond what the Flink runner's options already extend (SDK
 * harness, portability, experiments, resource hints, {@code --targetParallelism}, ...). The jar
 * registers only the Flink runner's (pipelines/local/pom.xml drops the other registrars from its
 * ServiceLoader files).
 *
 * <p>Why: Beam reflects over every registered interface each time it serializes the options, and
 * the Flink translation serializes them once per coder and function, over a thousand times for a
 * local identity or marts job before it reads a row
 * (docs/upstream/beam-serializable-pipeline-options.md). With the 22 interfaces of every registrar
 * on the classpath (DataflowPipelineOptions alone brings some two hundred properties) each
 * serialization took about three times as long as with 13; with the Flink runner's alone, about 40%
 * less again than with 13 (the marts' options, same JVM and minutes), and the first parse of the
 * options about a third less.
 *
 * <p>Strict parsing still sees everything it did: a command line that names an option only these
 * interfaces declare (a Dataflow run, a BigQuery warehouse's {@code --project}, the direct runner's
 * {@code --targetParallelism}) registers them all before anything parses it, and a misspelt option
 * fails as before. Interfaces asked for in code ({@code options.as(GcpOptions.class)}, as the
 * BigQuery IO and the runners do) need no registration.
 */
final class OnDemandOptions {
  private OnDemandOptions() {}

  /**
   * The registrars the suite jar leaves out; their interfaces are registered by {@link
   * #registerIfNamed}.
   */
  static List<PipelineOptionsRegistrar> registrars() {
    return List.of(
        new DataflowPipelineRegistrar.Options(),
        new GcpPipelineOptionsRegistrar(),
        new GcpIoPipelineOptionsRegistrar(),
        new DefaultPipelineOptionsRegistrar(),
        new ManualDockerEnvironmentOptions.Options(),
        new RemoteEnvironmentOptions.Options(),
        new ResourceHintsOptions.Options(),
        new ExternalTranslationOptionsRegistrar(),
        new DirectRegistrar.Options());
  }

  /**
   * Registers the left-out options interfaces if {@code args} name an option only they declare;
   * returns whether it did. Registering an interface twice is a no-op in Beam.
   */
  static boolean registerIfNamed(String[] args) {
    if (leftOutOnly(args, PipelineOptionsFactory::getRegisteredOptions).isEmpty()) {
      return false;
    }
    for (PipelineOptionsRegistrar r : registrars()) {
      r.getPipelineOptions().forEach(PipelineOptionsFactory::register);
    }
    return true;
  }

  /**
   * The options {@code args} name that only the left-out interfaces declare, not any of {@code
   * registered} (asked for only when some name is one of theirs: it starts Beam's registry).
   */
  static Set<String> leftOutOnly(
      String[] args, Supplier<? extends Collection<Class<? extends PipelineOptions>>> registered) {
    Set<String> named = new TreeSet<>();
    for (String a : args) {
      String name = RunArgs.optionName(a);
      if (!name.isEmpty()) {
        named.add(name);
      }
    }
    Set<String> leftOutProperties = new TreeSet<>();
    for (PipelineOptionsRegistrar r : registrars()) {
      for (Class<? extends PipelineOptions> iface : r.getPipelineOptions()) {
        leftOutProperties.addAll(RunArgs.properties(iface));
      }
    }
    named.retainAll(leftOutProperties);
    if (!named.isEmpty()) {
      // --runner, --tempLocation, --streaming, ...: the left-out interfaces inherit them from
      // interfaces registered anyway.
      for (Class<?> iface : registered.get()) {
        named.removeAll(RunArgs.properties(iface));
      }
    }
    return named;
  }
}
