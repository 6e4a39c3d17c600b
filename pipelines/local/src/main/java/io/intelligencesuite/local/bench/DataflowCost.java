package io.intelligencesuite.local.bench;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4EventParser;
import io.intelligencesuite.transforms.coders.EncodedRows;
import io.intelligencesuite.transforms.deadletter.StorableValues;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.apache.beam.sdk.values.Row;

/**
 * The paper figure of docs/dataflow-cost.md: what a million GA4 events would cost on Dataflow
 * batch, from the CPU per event measured on the local runner and the bytes each event crosses the
 * deduplication's shuffle as. Nothing here talks to Google Cloud; the prices are list prices read
 * by hand (their source and date are in the doc).
 *
 * <pre>
 * java -cp pipelines/local/target/suite.jar io.intelligencesuite.local.bench.DataflowCost \
 *      '.suite/demo/ga4/events_*.ndjson' CPU_MICROSECONDS_PER_EVENT
 * </pre>
 *
 * measures the shuffled bytes per event on the files and prints the estimate for that CPU figure.
 */
public final class DataflowCost {
  private static final double EVENTS = 1e6;
  private static final double SECONDS_PER_HOUR = 3600;
  private static final double BYTES_PER_GB = 1e9;

  /** List prices in USD for batch jobs in one region. */
  public record Prices(
      String region, double vcpuHour, double memoryGbHour, double diskGbHour, double shuffleGb) {
    /**
     * us-central1, batch, read 2026-12-07: vCPU $0.056/h, memory $0.003557/GB-h, standard
     * Persistent Disk $0.000054/GB-h, Dataflow Shuffle $0.011/GB processed (docs/dataflow-cost.md
     * names the sources).
     */
    public static final Prices US_CENTRAL1_BATCH =
        new Prices("us-central1", 0.056, 0.003557, 0.000054, 0.011);
  }

  /** One worker VM: what Dataflow bills per worker-hour besides its vCPUs. */
  public record Worker(String machineType, int vcpus, double memoryGb, double diskGb) {
    /** 1 vCPU, 3.75 GB, the 25 GB boot disk of a batch worker with Dataflow Shuffle. */
    public static final Worker N1_STANDARD_1 = new Worker("n1-standard-1", 1, 3.75, 25);
  }

  /**
   * What one event costs the job: CPU seconds on a worker (start-up excluded) and bytes through the
   * shuffle.
   */
  public record PerEvent(double cpuSeconds, double shuffleBytes) {}

  /**
   * Per million events: the quantities billed and their cost in USD. {@code utilisation} is the
   * share of a worker's billed vCPU time spent on the events (a worker is billed while it waits
   * too).
   */
  public record Estimate(
      double vcpuHours,
      double memoryGbHours,
      double diskGbHours,
      double shuffleGb,
      double vcpuUsd,
      double memoryUsd,
      double diskUsd,
      double shuffleUsd) {
    public double totalUsd() {
      return vcpuUsd + memoryUsd + diskUsd + shuffleUsd;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "| part | quantity per million events | cost (USD) |%n|---|---:|---:|%n"
              + "| worker vCPU | %.4f vCPU-h | %.5f |%n"
              + "| worker memory | %.4f GB-h | %.5f |%n"
              + "| worker disk | %.3f GB-h | %.5f |%n"
              + "| Dataflow Shuffle | %.3f GB | %.5f |%n"
              + "| **total** | | **%.4f** |%n",
          vcpuHours,
          vcpuUsd,
          memoryGbHours,
          memoryUsd,
          diskGbHours,
          diskUsd,
          shuffleGb,
          shuffleUsd,
          totalUsd());
    }
  }

  private DataflowCost() {}

  /**
   * The CPU per event beyond a job's fixed start-up: two runs of the same job on inputs of
   * different sizes, {@code (cpuLarge - cpuSmall) / (eventsLarge - eventsSmall)}.
   */
  public static double marginalCpuSeconds(
      double cpuSmall, long eventsSmall, double cpuLarge, long eventsLarge) {
    if (eventsLarge <= eventsSmall) {
      throw new IllegalArgumentException(
          "the larger run must read more events: " + eventsLarge + " <= " + eventsSmall);
    }
    return (cpuLarge - cpuSmall) / (eventsLarge - eventsSmall);
  }

  /**
   * A million events on {@code worker} at {@code prices}: vCPU-hours = 10^6 x CPU s per event /
   * 3600 / utilisation; memory and disk for the worker-hours those vCPU-hours take; shuffle = 10^6
   * x bytes per event x 2 (written to the service and read back, both processed) / 10^9.
   */
  public static Estimate perMillion(
      PerEvent event, Worker worker, Prices prices, double utilisation) {
    if (utilisation <= 0 || utilisation > 1) {
      throw new IllegalArgumentException("utilisation is a share in (0, 1], got " + utilisation);
    }
    double vcpuHours = EVENTS * event.cpuSeconds() / SECONDS_PER_HOUR / utilisation;
    double workerHours = vcpuHours / worker.vcpus();
    double memoryGbHours = workerHours * worker.memoryGb();
    double diskGbHours = workerHours * worker.diskGb();
    double shuffleGb = EVENTS * event.shuffleBytes() * 2 / BYTES_PER_GB;
    return new Estimate(
        vcpuHours,
        memoryGbHours,
        diskGbHours,
        shuffleGb,
        vcpuHours * prices.vcpuHour(),
        memoryGbHours * prices.memoryGbHour(),
        diskGbHours * prices.diskGbHour(),
        shuffleGb * prices.shuffleGb());
  }

  /** Bytes through the deduplication's shuffle over the parsed events of some export files. */
  public record Shuffled(long events, long rowBytes, long shuffledBytes) {
    public double perEvent() {
      return (double) shuffledBytes / events;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d parsed events: %.0f bytes of RowCoder row and %.0f bytes shuffled per event",
          events,
          (double) rowBytes / events,
          perEvent());
    }
  }

  /**
   * Parses every line of the files {@code fileGlob} matches as the pipeline does and adds up what
   * each parsed event crosses the deduplication's shuffle as ({@link Deduplicate#shuffledBytes}).
   * Counted before the pre-combine, which drops only the versions of a key repeated in a bundle.
   */
  public static Shuffled shuffled(String fileGlob) throws Exception {
    ToIntFunction<Row> size =
        Deduplicate.latestByFields(Tables.EVENTS_WEB.primaryKey(), "event_ts")
            .shuffledBytes(Tables.EVENTS_WEB.schema());
    EncodedRows.Encoder rows = new EncodedRows.Encoder(Tables.EVENTS_WEB.schema());
    long[] totals = new long[3];
    Ga4Baseline.forEachLine(
        fileGlob,
        line -> {
          Row row;
          try {
            row = Ga4EventParser.parse(line);
            StorableValues.check(row);
          } catch (RuntimeException e) {
            return; // a dead letter: never shuffled
          }
          totals[0]++;
          totals[1] += rows.encode(row).length;
          totals[2] += size.applyAsInt(row);
        });
    return new Shuffled(totals[0], totals[1], totals[2]);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: DataflowCost FILE_GLOB CPU_MICROSECONDS_PER_EVENT (beyond start-up)");
    }
    Shuffled shuffled = shuffled(args[0]);
    System.out.println(shuffled);
    PerEvent event = new PerEvent(Double.parseDouble(args[1]) / 1e6, shuffled.perEvent());
    for (double utilisation : new double[] {1.0, 0.5}) {
      System.out.printf(
          Locale.ROOT,
          "%nn1-standard-1, us-central1 batch, utilisation %.1f:%n%s",
          utilisation,
          perMillion(event, Worker.N1_STANDARD_1, Prices.US_CENTRAL1_BATCH, utilisation));
    }
  }
}
