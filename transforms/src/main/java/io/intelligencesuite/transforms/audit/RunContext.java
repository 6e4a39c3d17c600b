package io.intelligencesuite.transforms.audit;

import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What identifies one pipeline run: its id, pipeline, start time, window, runner and warehouse.
 * Created at launch (in the driver) and carried into the transforms that record the run.
 */
public record RunContext(
    String runId,
    String pipeline,
    Instant startedAt,
    @Nullable DateWindow window,
    String runner,
    Warehouse warehouse)
    implements Serializable {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Starts a run: takes {@code --runId} or makes one, and writes it back into the options. */
  public static RunContext start(
      String pipeline, WarehouseOptions options, @Nullable DateWindow window) {
    Instant now = Instant.now();
    String runId = options.getRunId();
    if (runId == null || runId.isBlank()) {
      runId = pipeline + "-" + ID_TIME.format(now) + "-" + randomSuffix();
      options.setRunId(runId);
    }
    return new RunContext(
        runId,
        pipeline,
        now,
        window,
        options.getRunner().getSimpleName(),
        Warehouse.parse(options.getWarehouse()));
  }

  /** The day the run started (UTC): the partition of the rows it logs. */
  public java.time.LocalDate runDate() {
    return startedAt.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static String randomSuffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
