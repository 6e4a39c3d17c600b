package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A regenerated demo company starts from a fresh warehouse, with the old one kept aside. */
public class DemoWarehouseTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anEarlierGenerationsWarehouseIsMovedAsideNotDeleted() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("w.duckdb");
    Files.writeString(db, "old rows");
    Files.writeString(db.resolveSibling("w.duckdb.wal"), "old log");
    ByteArrayOutputStream text = new ByteArrayOutputStream();

    Demo.setAsideOldWarehouse(
        Warehouse.parse("duckdb:" + db), new PrintStream(text, true, StandardCharsets.UTF_8));

    assertFalse(Files.exists(db));
    assertFalse(Files.exists(db.resolveSibling("w.duckdb.wal")));
    List<Path> aside;
    try (Stream<Path> files = Files.list(tmp.getRoot().toPath())) {
      aside = files.sorted().toList();
    }
    assertEquals(2, aside.size());
    assertEquals("old rows", Files.readString(aside.get(0)));
    assertEquals("old log", Files.readString(aside.get(1)));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString(aside.get(0).toString()));
  }

  @Test
  public void noWarehouseYetIsNothingToMove() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("none.duckdb");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Demo.setAsideOldWarehouse(
        Warehouse.parse("duckdb:" + db), new PrintStream(text, true, StandardCharsets.UTF_8));
    assertEquals("", text.toString(StandardCharsets.UTF_8));
  }
}
