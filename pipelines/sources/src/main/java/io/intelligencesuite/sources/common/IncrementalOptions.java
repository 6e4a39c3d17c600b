package io.intelligencesuite.sources.common;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of a source that loads incrementally from a cursor kept in source_cursors. */
public interface IncrementalOptions extends WarehouseOptions {

  @Description(
      "Read the whole source and replace its tables, ignoring the cursors in source_cursors (the "
          + "first run does this anyway). Default: incremental, reading only what changed since the "
          + "last succeeded run's cursor, and deleting rows whose key the source no longer has.")
  @Default.Boolean(false)
  boolean getFullRefresh();

  void setFullRefresh(boolean value);

  @Description(
      "Minutes an incremental read reaches back before the cursor (the greatest updated_at the "
          + "last run read): a row committed late by a long transaction, or stamped by a source clock "
          + "behind ours, still has an updated_at inside the overlap and is read. Rows read twice are "
          + "upserted by key, so the overlap costs reads, never duplicates.")
  @Default.Integer(60)
  int getCursorOverlapMinutes();

  void setCursorOverlapMinutes(int value);
}
