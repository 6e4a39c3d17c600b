package io.intelligencesuite.marts.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Scoring a discrepancy report against planted truth, on a two-entry truth file. */
public class ReconcileCheckTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path truth() throws Exception {
    Path f = tmp.getRoot().toPath().resolve("planted_discrepancies.json");
    Files.writeString(
        f,
        """
        {"discrepancies": [
          {"kind": "missed_sync", "system": "chartmogul", "stripe_customer_id": "cus_A", "month": "2026-03"},
          {"kind": "stale_plan", "system": "backend", "stripe_customer_id": "cus_B", "month": "2026-10"}]}""");
    return f;
  }

  private static Finding finding(String check, String customer, String month) {
    return new Finding(
        check,
        customer,
        null,
        LocalDate.parse(month),
        "stripe",
        "1",
        "chartmogul",
        "0",
        1.0,
        "cause");
  }

  @Test
  public void scoresRowsBySystemCustomerAndMonth() throws Exception {
    // cus_A March matches (any day of the month, either chartmogul check); its second row and
    // cus_A's backend row are not planted; cus_B's backend plan row is missing.
    // Precision 1 of 3 rows, recall 1 of 2 planted.
    ReconcileCheck.Result r =
        ReconcileCheck.againstTruth(
            List.of(
                finding(ReconciliationRules.STRIPE_VS_CHARTMOGUL_MRR, "cus_A", "2026-03-01"),
                finding(ReconciliationRules.STRIPE_VS_CHARTMOGUL_PAYING, "cus_A", "2026-03-01"),
                finding(ReconciliationRules.BACKEND_VS_STRIPE_PLAN, "cus_A", "2026-03-01")),
            truth());
    assertEquals(1.0 / 3, r.precision(), 1e-12);
    assertEquals(0.5, r.recall(), 0);
    assertEquals(Set.of("backend cus_B 2026-10"), r.missed());
    assertEquals(2, r.unexpected().size());
    assertFalse(r.exact());
  }

  @Test
  public void readsTheReconciliationTableOfAWarehouse() throws Exception {
    String path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    Warehouse w = Warehouse.parse("duckdb:" + path);
    DuckDbQueries db = new DuckDbQueries(w);
    db.execute(DuckDbDdl.createTable(Tables.RECONCILIATION));
    db.execute(
        "INSERT INTO reconciliation VALUES "
            + "('stripe_vs_chartmogul_mrr', 'cus_A', 'co_A', DATE '2026-03-01', 'stripe', '13500', 'chartmogul', '10000', 3500, 'missed'), "
            + "('backend_vs_stripe_plan', 'cus_B', 'co_B', DATE '2026-10-01', 'stripe', 'price_pro', 'backend', 'growth', NULL, 'stale')");
    try {
      ReconcileCheck.Result r = ReconcileCheck.againstTruth(w, truth());
      assertTrue(r.toString(), r.exact());
      assertEquals(2, r.reported());
      assertEquals(
          "reconcile vs truth: 2 planted, 2 reported, precision 1.000, recall 1.000", r.toString());
    } finally {
      DuckDbConnections.close(path);
    }
  }
}
