package io.intelligencesuite.local.cli;

import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two embedded warehouses compared table by table: every staging and mart table (ops tables hold
 * run ids and times, which always differ) by its order-independent checksum. How the bench proves
 * two runners wrote the same tables, and {@code ./suite compare} that a cluster run equals the
 * embedded one.
 */
final class WarehouseComparison {
  /** Per table in either warehouse: the checksum in each ("missing" where absent). */
  record Checksums(String left, String right) {
    boolean equal() {
      return left.equals(right);
    }
  }

  private WarehouseComparison() {}

  static Map<String, Checksums> compare(Warehouse left, Warehouse right) throws Exception {
    DuckDbQueries a = new DuckDbQueries(left);
    DuckDbQueries b = new DuckDbQueries(right);
    Map<String, Checksums> out = new LinkedHashMap<>();
    for (TableDef table : Tables.all()) {
      if (table.layer() == Layer.OPS) {
        continue;
      }
      boolean inA = a.tableExists(table.name());
      boolean inB = b.tableExists(table.name());
      if (inA || inB) {
        out.put(
            table.name(),
            new Checksums(
                inA ? a.checksum(table) : "missing", inB ? b.checksum(table) : "missing"));
      }
    }
    return out;
  }
}
