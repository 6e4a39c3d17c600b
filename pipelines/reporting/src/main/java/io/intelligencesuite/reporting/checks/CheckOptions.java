package io.intelligencesuite.reporting.checks;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the {@code check} flex template (the same checks as {@code ./suite check}). */
@Description(
    "Check: the registry's data tests and source freshness on the warehouse, appended to "
        + "data_test_results; the job fails when an error-level test fails or cannot run.")
public interface CheckOptions extends WarehouseOptions {

  @Description("Log only the tests that did not pass (the results table keeps every test).")
  @Default.Boolean(false)
  boolean getFailuresOnly();

  void setFailuresOnly(boolean value);
}
