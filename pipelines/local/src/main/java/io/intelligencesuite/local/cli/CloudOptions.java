package io.intelligencesuite.local.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.beam.runners.dataflow.DataflowPipelineRegistrar;
import org.apache.beam.sdk.extensions.gcp.options.GcpPipelineOptionsRegistrar;
import org.apache.beam.sdk.io.gcp.common.GcpIoPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * The Google Cloud options interfaces (the Dataflow runner's, GCP core's, GCP IO's: {@code
 * --project}, {@code --region}, {@code --gcpTempLocation}, ...), registered with Beam only when a
 * command line names one of their options. The suite jar leaves their registrars out of its
 * ServiceLoader files (pipelines/local/pom.xml): Beam reflects over every registered interface each
 * time it serializes the options, and the Flink translation serializes them once per coder and
 * function (docs/upstream/beam-serializable-pipeline-options.md). With them, 22 interfaces are
 * registered and DataflowPipelineOptions alone brings some two hundred properties; each
 * serialization took about three times as long, and a local identity or marts job serializes the
 * options over a thousand times before it reads a row.
 *
 * <p>Strict parsing still sees everything it did: a command line that names a Google Cloud option
 * (a Dataflow run, a BigQuery warehouse's {@code --project}) registers them all before anything
 * parses it, and a misspelt option fails as before. Interfaces asked for in code ({@code
 * options.as(GcpOptions.class)}, as the BigQuery IO and the Dataflow runner do) need no
 * registration.
 */
final class CloudOptions {
  private CloudOptions() {}

  /**
   * The registrars the suite jar leaves out; their interfaces are registered by {@link
   * #registerIfNamed}.
   */
  static List<PipelineOptionsRegistrar> registrars() {
    return List.of(
        new DataflowPipelineRegistrar.Options(),
        new GcpPipelineOptionsRegistrar(),
        new GcpIoPipelineOptionsRegistrar());
  }

  /**
   * Registers the Google Cloud options interfaces if {@code args} name an option only they declare;
   * returns whether it did. Registering an interface twice is a no-op in Beam.
   */
  static boolean registerIfNamed(String[] args) {
    if (cloudOnly(args, PipelineOptionsFactory::getRegisteredOptions).isEmpty()) {
      return false;
    }
    for (PipelineOptionsRegistrar r : registrars()) {
      r.getPipelineOptions().forEach(PipelineOptionsFactory::register);
    }
    return true;
  }

  /**
   * The options {@code args} name that only the Google Cloud interfaces declare, not any of {@code
   * registered} (asked for only when some name is a Google Cloud one: it starts Beam's registry).
   */
  static Set<String> cloudOnly(
      String[] args, Supplier<? extends Collection<Class<? extends PipelineOptions>>> registered) {
    Set<String> named = new TreeSet<>();
    for (String a : args) {
      String name = RunArgs.optionName(a);
      if (!name.isEmpty()) {
        named.add(name);
      }
    }
    Set<String> cloudProperties = new TreeSet<>();
    for (PipelineOptionsRegistrar r : registrars()) {
      for (Class<? extends PipelineOptions> iface : r.getPipelineOptions()) {
        cloudProperties.addAll(RunArgs.properties(iface));
      }
    }
    named.retainAll(cloudProperties);
    if (!named.isEmpty()) {
      // --runner, --tempLocation, --streaming, ...: the cloud interfaces inherit them from
      // interfaces registered anyway.
      for (Class<?> iface : registered.get()) {
        named.removeAll(RunArgs.properties(iface));
      }
    }
    return named;
  }
}
