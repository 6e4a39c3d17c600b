package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A staging row the revenue engine could not use, with the reason naming the field: it becomes a
 * dead letter (never a silent drop). sourceTable is the staging table the row came from.
 */
public record RevenueProblem(
    String sourceTable, String rowId, String reason, @Nullable String field, String payload)
    implements Serializable {}
