package io.intelligencesuite.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The lean Dataflow jar as built by {@code package} (failsafe runs this after it): it carries every
 * pipeline of the catalog and the Dataflow runner, and nothing of the local tooling. The build's
 * dependency rule already keeps local modules off templates' dependencies; this checks the artifact
 * that actually ships.
 */
public class LeanJarContentsIT {
  /** Prefixes of entries that only local runs use. */
  static final List<String> LOCAL_ONLY =
      List.of(
          "io/intelligencesuite/local/",
          "org/duckdb/",
          "org/apache/flink/",
          "org/apache/beam/runners/flink/",
          "org/apache/beam/runners/direct/",
          "ch/vorburger/",
          "io/zonky/");

  private static Set<String> entries;

  @BeforeClass
  public static void open() throws IOException {
    Path jar = Path.of(System.getProperty("lean.jar", "target/suite-dataflow.jar"));
    assertTrue(
        "no lean jar at " + jar.toAbsolutePath() + ": run mvn package first",
        Files.isRegularFile(jar));
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  public void holdsNoLocalTooling() {
    List<String> local =
        entries.stream()
            .filter(e -> LOCAL_ONLY.stream().anyMatch(e::startsWith))
            .limit(10)
            .toList();
    assertEquals("local-only entries in the lean Dataflow jar", List.of(), local);
  }

  @Test
  public void holdsEveryPipelineAndTheDataflowRunner() {
    List<String> needed =
        new java.util.ArrayList<>(
            List.of(
                classFile(FlexTemplateMain.class.getName()),
                "org/apache/beam/runners/dataflow/DataflowRunner.class",
                "org/apache/beam/sdk/io/gcp/bigquery/BigQueryIO.class"));
    PipelineCatalog.all().values().forEach(p -> needed.add(classFile(p.optionsType().getName())));
    List<String> missing = needed.stream().filter(n -> !entries.contains(n)).toList();
    assertEquals("missing from the lean Dataflow jar", List.of(), missing);
  }

  private static String classFile(String className) {
    return className.replace('.', '/') + ".class";
  }
}
