package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertFalse;

import io.intelligencesuite.local.flink.LocalFlinkCluster;
import io.intelligencesuite.tests.DemoFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A pipeline submitted to a standalone Flink cluster of separate JVMs (what {@code ./suite demo
 * --cluster} starts) writes the same table as on the embedded runner, and really ran there: the
 * JobManager counts a finished job, and the cluster's processes are gone after close.
 */
public class FlinkClusterRunTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void enrichmentOnTwoTaskManagersEqualsTheEmbeddedRun() throws Exception {
    Path root = tmp.getRoot().toPath();
    Path enrichment = DemoFixture.dir().resolve("enrichment");
    String[] files = {
      "--enrichmentFiles=swanai="
          + enrichment
          + "/swanai_*.ndjson,g2="
          + enrichment
          + "/g2_*.ndjson"
    };
    SuiteForTests.run(
        concat(
            new String[] {"run", "enrichment", "--warehouse=duckdb:" + root.resolve("e.duckdb")},
            files));

    List<ProcessHandle> before = ProcessHandle.current().children().toList();
    List<ProcessHandle> processes;
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(root.resolve("cluster"), 2)) {
      processes = ProcessHandle.current().children().filter(p -> !before.contains(p)).toList();
      assertThat(processes.size(), org.hamcrest.Matchers.is(3)); // a JobManager, 2 TaskManagers
      SuiteForTests.run(
          concat(
              concat(
                  new String[] {
                    "run", "enrichment", "--warehouse=duckdb:" + root.resolve("c.duckdb")
                  },
                  files),
              cluster.args()));
      String overview =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + cluster.master() + "/overview"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(overview, containsString("\"taskmanagers\":2"));
      assertThat(overview, containsString("\"jobs-finished\":1"));
    }
    for (ProcessHandle p : processes) {
      assertFalse("cluster process " + p.pid() + " still running after close", p.isAlive());
    }

    String compared =
        SuiteForTests.run(
            "compare",
            "--warehouse=duckdb:" + root.resolve("e.duckdb"),
            "--with=duckdb:" + root.resolve("c.duckdb"));
    assertThat(compared, containsString("visitor_enrichment         equal"));
    assertThat(compared, containsString("every table equal"));
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(Arrays.asList(b));
    return all.toArray(String[]::new);
  }
}
