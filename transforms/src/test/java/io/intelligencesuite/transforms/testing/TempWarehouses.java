package io.intelligencesuite.transforms.testing;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * DuckDB warehouse files in a temporary folder, one test's worth: after the test every warehouse
 * handed out is closed (its shared connection released), then the folder is deleted. A test that
 * needs one warehouse uses {@link #path()}, {@link #warehouse()} and {@link #queries()}; one that
 * needs several names them with {@link #path(String)}.
 */
public final class TempWarehouses extends ExternalResource {
  private static final String DEFAULT = "w.duckdb";

  private final TemporaryFolder tmp = new TemporaryFolder();
  private final Set<String> open = new LinkedHashSet<>();

  @Override
  protected void before() throws Throwable {
    tmp.create();
  }

  @Override
  protected void after() {
    open.forEach(DuckDbConnections::close);
    open.clear();
    tmp.delete();
  }

  /** The temporary folder, for the test's input files. */
  public Path root() {
    return tmp.getRoot().toPath();
  }

  /** The path of warehouse file {@code name} in the folder; closed after the test. */
  public String path(String name) {
    String path = root().resolve(name).toString();
    open.add(path);
    return path;
  }

  /** The path of the test's one warehouse file. */
  public String path() {
    return path(DEFAULT);
  }

  /** {@code duckdb:<path>} of the one warehouse, as {@code --warehouse} takes it. */
  public String spec() {
    return "duckdb:" + path();
  }

  public Warehouse warehouse() {
    return Warehouse.parse(spec());
  }

  /** Queries on the one warehouse. */
  public DuckDbQueries queries() {
    return queries(path());
  }

  /** Queries on the DuckDB warehouse at {@code path}. */
  public static DuckDbQueries queries(String path) {
    return new DuckDbQueries(Warehouse.parse("duckdb:" + path));
  }

  /** Waits for {@code run}, which must finish DONE, then queries the one warehouse. */
  public DuckDbQueries queriesAfter(PipelineResult run) {
    return queriesAfter(run, path());
  }

  /** Waits for {@code run}, which must finish DONE, then queries the warehouse it wrote. */
  public static DuckDbQueries queriesAfter(PipelineResult run, String path) {
    assertEquals(PipelineResult.State.DONE, run.waitUntilFinish());
    return queries(path);
  }
}
