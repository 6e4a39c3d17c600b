package io.intelligencesuite.local.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.local.bench.DataflowCost.Estimate;
import io.intelligencesuite.local.bench.DataflowCost.PerEvent;
import io.intelligencesuite.local.bench.DataflowCost.Prices;
import io.intelligencesuite.local.bench.DataflowCost.Worker;
import org.junit.Test;

/** The paper figure's arithmetic (docs/dataflow-cost.md), checked against values worked by hand. */
public class DataflowCostTest {
  @Test
  public void marginalCpuIsTheDifferenceOverTheExtraEvents() {
    // The lead's quiet runs: scale 1 28.1 CPU s for 205,383 events, scale 10 117.8 s for
    // 2,007,258: 89.7 / 1,801,875 = 0.0000497815 s = 49.78 µs per event.
    assertEquals(
        49.7815e-6, DataflowCost.marginalCpuSeconds(28.1, 205_383, 117.8, 2_007_258), 1e-10);
    assertThrows(
        IllegalArgumentException.class,
        () -> DataflowCost.marginalCpuSeconds(28.1, 205_383, 30.0, 205_383));
  }

  @Test
  public void perMillionEventsOnOneN1Standard1() {
    // 50 µs and 600 bytes per event, half the billed vCPU time used:
    //   vCPU   1e6 x 50e-6 / 3600 / 0.5 = 0.0277778 h  x 0.056    = 0.00155556
    //   memory 0.0277778 h x 3.75 GB    = 0.104167 GB-h x 0.003557 = 0.00037052
    //   disk   0.0277778 h x 25 GB      = 0.694444 GB-h x 0.000054 = 0.00003750
    //   shuffle 1e6 x 600 x 2 / 1e9     = 1.2 GB        x 0.011    = 0.0132
    //   total 0.01516358
    Estimate e =
        DataflowCost.perMillion(
            new PerEvent(50e-6, 600), Worker.N1_STANDARD_1, Prices.US_CENTRAL1_BATCH, 0.5);
    assertEquals(0.0277778, e.vcpuHours(), 1e-7);
    assertEquals(0.104167, e.memoryGbHours(), 1e-6);
    assertEquals(0.694444, e.diskGbHours(), 1e-6);
    assertEquals(1.2, e.shuffleGb(), 1e-12);
    assertEquals(0.00155556, e.vcpuUsd(), 1e-8);
    assertEquals(0.00037052, e.memoryUsd(), 1e-8);
    assertEquals(0.0000375, e.diskUsd(), 1e-9);
    assertEquals(0.0132, e.shuffleUsd(), 1e-12);
    assertEquals(0.01516358, e.totalUsd(), 1e-8);
  }

  @Test
  public void utilisationMustBeAShare() {
    PerEvent event = new PerEvent(50e-6, 600);
    assertThrows(
        IllegalArgumentException.class,
        () -> DataflowCost.perMillion(event, Worker.N1_STANDARD_1, Prices.US_CENTRAL1_BATCH, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DataflowCost.perMillion(event, Worker.N1_STANDARD_1, Prices.US_CENTRAL1_BATCH, 1.5));
  }
}
