package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.TableDef;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A mart table's rows, at most one per input element, made by a function that may read side inputs:
 * the shape of dim_user, dim_customer, dim_company, fact_lead and fact_trial.
 */
final class TableRows<T> extends PTransform<PCollection<T>, PCollection<Row>> {
  /** One element's row of the table, or null for none; side inputs are read through {@code c}. */
  interface RowOf<T> extends Serializable {
    @Nullable Row apply(T element, SideInputs c);
  }

  /** The side inputs a {@link RowOf} reads (those given to {@link #of}). */
  interface SideInputs {
    <V> V sideInput(PCollectionView<V> view);
  }

  private final TableDef table;
  private final RowOf<T> f;
  private final List<PCollectionView<?>> sideInputs;

  private TableRows(TableDef table, RowOf<T> f, List<PCollectionView<?>> sideInputs) {
    this.table = table;
    this.f = f;
    this.sideInputs = sideInputs;
  }

  static <T> TableRows<T> of(TableDef table, RowOf<T> f, PCollectionView<?>... sideInputs) {
    return new TableRows<>(table, f, List.of(sideInputs));
  }

  @Override
  public PCollection<Row> expand(PCollection<T> in) {
    return in.apply(ParDo.of(new RowFn<>(f)).withSideInputs(sideInputs))
        .setRowSchema(table.schema());
  }

  private static final class RowFn<T> extends DoFn<T, Row> {
    private final RowOf<T> f;

    RowFn(RowOf<T> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<Row> out, ProcessContext c) {
      Row row = f.apply(element, c::sideInput);
      if (row != null) {
        out.output(row);
      }
    }
  }
}
