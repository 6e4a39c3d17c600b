package io.intelligencesuite.templates;

import static org.junit.Assert.assertTrue;

import io.intelligencesuite.testing.CheckedInFiles;
import io.intelligencesuite.testing.RepoRoot;
import java.io.IOException;
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
    Map<String, String> expected = GeneratedTemplateFiles.render();
    CheckedInFiles.assertCurrent(
        expected,
        "mvn -B -o -pl templates -am test -Dtest=GeneratedTemplateFilesTest "
            + "-Dsuite.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false");
    // No orphan: a template of a removed pipeline would still be deployed and scheduled.
    Path root = RepoRoot.get();
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
