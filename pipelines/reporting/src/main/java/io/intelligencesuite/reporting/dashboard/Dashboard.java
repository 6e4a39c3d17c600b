package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code ./suite dashboard}: reads the marts, builds the view model, writes one self-contained HTML
 * file (default {@value #DEFAULT_OUTPUT}) that opens from disk or from a bucket.
 */
public final class Dashboard {
  public static final String DEFAULT_OUTPUT = ".suite/dashboard.html";

  private Dashboard() {}

  /** Writes the dashboard of the warehouse to {@code output}; returns the file written. */
  public static Path write(Warehouse warehouse, Path output) throws IOException {
    if (warehouse.kind() == Warehouse.Kind.DUCKDB
        && !Files.exists(Path.of(warehouse.duckDbPath()))) {
      throw new IllegalArgumentException(
          "no warehouse at "
              + warehouse.duckDbPath()
              + "; run ./suite demo first (or pass --warehouse=duckdb:PATH)");
    }
    return write(WarehouseMartReader.of(warehouse), output, Instant.now());
  }

  /** Same, from any reader (tests give their own). */
  public static Path write(MartReader reader, Path output, Instant generatedAt) throws IOException {
    String html = render(reader, generatedAt);
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(output, html, StandardCharsets.UTF_8);
    return output;
  }

  /** The page as a string. */
  public static String render(MartReader reader, Instant generatedAt) {
    return DashboardPage.render(
        DashboardModel.from(reader), generatedAt.truncatedTo(ChronoUnit.SECONDS));
  }
}
