package io.intelligencesuite.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/**
 * The checked-in template metadata, scheduler bodies and jobs.tsv must equal what the pipelines'
 * options render now. To refresh them after adding a pipeline or changing an option: {@code mvn -B
 * -o -pl templates -am test -Dtest=GeneratedTemplateFilesTest -Dsuite.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public class GeneratedTemplateFilesTest {

  @Test
  public void checkedInTemplateFilesAreCurrent() throws IOException {
    Path root = RepoRoot.get();
    if (Boolean.getBoolean("suite.regenerate")) {
      GeneratedTemplateFiles.writeAll(root);
    }
    Map<String, String> expected = GeneratedTemplateFiles.render();
    String fix =
        "; regenerate with `mvn -B -o -pl templates -am test -Dtest=GeneratedTemplateFilesTest "
            + "-Dsuite.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false`";
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path file = root.resolve(e.getKey());
      assertTrue(file + " is missing" + fix, Files.exists(file));
      assertEquals(
          file + " is stale" + fix, e.getValue(), Files.readString(file, StandardCharsets.UTF_8));
    }
    // No orphan: a template of a removed pipeline would still be deployed and scheduled.
    for (String dir : new String[] {"templates/metadata", "templates/scheduler"}) {
      try (var files = Files.list(root.resolve(dir))) {
        files.forEach(
            f ->
                assertTrue(
                    f + " belongs to no pipeline in PipelineCatalog; delete it",
                    expected.containsKey(dir + "/" + f.getFileName())));
      }
    }
  }
}
