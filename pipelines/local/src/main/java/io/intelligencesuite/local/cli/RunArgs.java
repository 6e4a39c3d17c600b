package io.intelligencesuite.local.cli;

import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.templates.PipelineCatalog;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of {@code ./suite run A B ...} split among its pipelines: each pipeline gets every
 * option except those only another pipeline of the run declares (so {@code ./suite run identity
 * marts --asOf=...} does not fail identity's strict parsing on the marts' {@code --asOf}). An
 * option no pipeline of the run declares still goes to every one, so a misspelt option fails as it
 * does for a single pipeline.
 */
final class RunArgs {
  private RunArgs() {}

  /**
   * The runs of {@code ./suite run NAMES... ARGS}: each pipeline with its arguments, in the order
   * to run them. The marts read identity_map, which only the identity job writes, so marts named
   * without identity get identity run just before them (as the demo does), in the same JVM, where
   * the second job starts warm; a {@code --runId} then stays the marts' own.
   */
  static Map<String, String[]> plan(List<String> named, String[] args) {
    checkRunId(named, args);
    List<String> names = new ArrayList<>(named);
    int marts = names.indexOf(MartsPipeline.NAME);
    boolean addIdentity = marts >= 0 && !names.contains(IdentityPipeline.NAME);
    if (addIdentity) {
      names.add(marts, IdentityPipeline.NAME);
    }
    Map<String, String[]> plan = new LinkedHashMap<>();
    for (String name : names) {
      String[] own = split(name, names, args);
      if (addIdentity && name.equals(IdentityPipeline.NAME)) {
        own = Arrays.stream(own).filter(a -> !optionName(a).equals("runId")).toArray(String[]::new);
      }
      plan.put(name, own);
    }
    return plan;
  }

  private static void checkRunId(List<String> names, String[] args) {
    if (names.size() > 1 && Suite.optionValue(args, "runId") != null) {
      throw new IllegalArgumentException(
          "--runId names one run: give it only when running one pipeline (runs of "
              + names
              + " would share it)");
    }
  }

  /** {@code args} as {@code name} should see them, when {@code names} run together. */
  private static String[] split(String name, List<String> names, String[] args) {
    Set<String> own = properties(PipelineCatalog.get(name).optionsType());
    Set<String> others = new TreeSet<>();
    for (String other : names) {
      others.addAll(properties(PipelineCatalog.get(other).optionsType()));
    }
    others.removeAll(own);
    return Arrays.stream(args).filter(a -> !others.contains(optionName(a))).toArray(String[]::new);
  }

  /** {@code --name=value} or {@code --name}: the name; anything else: empty. */
  static String optionName(String arg) {
    if (!arg.startsWith("--")) {
      return "";
    }
    int eq = arg.indexOf('=');
    return arg.substring(2, eq < 0 ? arg.length() : eq);
  }

  /** The option names of a PipelineOptions interface: its getters' properties, inherited too. */
  static Set<String> properties(Class<?> optionsType) {
    Set<String> names = new TreeSet<>();
    for (Method m : optionsType.getMethods()) {
      String n = m.getName();
      if (m.getParameterCount() != 0) {
        continue;
      }
      if (n.startsWith("get") && n.length() > 3) {
        names.add(Introspector.decapitalize(n.substring(3)));
      } else if (n.startsWith("is") && n.length() > 2) {
        names.add(Introspector.decapitalize(n.substring(2)));
      }
    }
    return names;
  }
}
