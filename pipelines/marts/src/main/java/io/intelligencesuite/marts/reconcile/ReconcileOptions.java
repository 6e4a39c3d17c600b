package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Description;

/** Options of {@code ./suite reconcile} and the {@code reconcile} flex template. */
@Description(
    "Reconcile: compares Stripe's MRR movements (fact_revenue), ChartMogul's activities, Stripe's "
        + "subscriptions and the backend's accounts per customer and replaces reconciliation with "
        + "every disagreement and its likely cause, in the same warehouse.")
public interface ReconcileOptions extends WarehouseOptions {
  @Description(
      "Last day compared, YYYY-MM-DD; its month is the last month compared. Default: the newest day in "
          + "fact_revenue or chartmogul_activities.")
  String getAsOf();

  void setAsOf(String value);
}
