package io.intelligencesuite.tests;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.templates.PipelineCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The README's "Where things are" section maps every table, metric and pipeline to its file in one
 * hop. This keeps it complete (a table, metric or pipeline added to the registry or the catalog
 * must be added there) and true (every file it links to exists).
 */
public class WhereThingsAreTest {
  private static final Path ROOT = Path.of(System.getProperty("suite.root.dir", ".."));
  private static String section;

  @BeforeClass
  public static void read() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Where things are");
    int end = readme.indexOf("\n## ", start + 1);
    section = readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  public void everyTableIsMapped() {
    assertMapped("tables", Tables.all().stream().map(TableDef::name).toList());
  }

  @Test
  public void everyMetricIsMapped() {
    assertMapped("metrics", Metrics.all().stream().map(MetricDef::name).toList());
  }

  @Test
  public void everyPipelineIsMapped() {
    assertMapped("pipelines", PipelineCatalog.all().keySet());
  }

  /** Every name is in the section, in backquotes; the failure lists those that are not. */
  private static void assertMapped(String what, Collection<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!section.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    assertEquals(what + " missing from README's Where things are", List.of(), missing);
  }

  @Test
  public void everyLinkedFileExists() {
    List<String> broken = new ArrayList<>();
    Matcher link = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(section);
    while (link.find()) {
      if (!link.group(1).startsWith("http") && !Files.exists(ROOT.resolve(link.group(1)))) {
        broken.add(link.group(1));
      }
    }
    assertEquals("links in README's Where things are that lead nowhere", List.of(), broken);
  }
}
