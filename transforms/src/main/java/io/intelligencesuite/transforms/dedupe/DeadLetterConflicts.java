package io.intelligencesuite.transforms.dedupe;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.DeadLetters;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Rows that share a primary key <em>and</em> the same version (ordering value) but differ in
 * content cannot be told apart by {@code Deduplicate}: keeping either would be a guess. They all go
 * to dead letters (tag {@link ParseWithDeadLetters#DEAD_LETTERS}) with a reason naming the key and
 * the first differing field. Everything else, exact copies included, passes on (tag {@link
 * ParseWithDeadLetters#PARSED}) to {@code Deduplicate}, which keeps the latest version.
 */
public final class DeadLetterConflicts extends PTransform<PCollection<Row>, PCollectionTuple> {
  private final TableDef table;
  private final String orderingField;
  private final RunContext run;

  private DeadLetterConflicts(TableDef table, String orderingField, RunContext run) {
    super("Conflicting " + table.name() + " duplicates");
    this.table = table;
    this.orderingField = orderingField;
    this.run = run;
  }

  public static DeadLetterConflicts of(TableDef table, String orderingField, RunContext run) {
    return new DeadLetterConflicts(table, orderingField, run);
  }

  @Override
  public PCollectionTuple expand(PCollection<Row> rows) {
    Schema schema = table.schema();
    List<String> key = table.primaryKey();
    String ordering = orderingField;
    PCollectionTuple out =
        rows.apply(
                "Key by primary key and version",
                WithKeys.of(
                        (Row r) -> {
                          StringBuilder sb = new StringBuilder();
                          for (String f : key) {
                            sb.append(Objects.toString(r.getValue(f))).append('\u001f');
                          }
                          return sb.append(Objects.toString(r.getValue(ordering))).toString();
                        })
                    .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(schema)))
            .apply("Group versions", GroupByKey.create())
            .apply(
                "Split conflicts",
                ParDo.of(new SplitFn(table, key, run))
                    .withOutputTags(
                        ParseWithDeadLetters.PARSED,
                        TupleTagList.of(ParseWithDeadLetters.DEAD_LETTERS)));
    out.get(ParseWithDeadLetters.PARSED).setRowSchema(schema);
    out.get(ParseWithDeadLetters.DEAD_LETTERS).setRowSchema(Tables.DEAD_LETTERS.schema());
    return out;
  }

  private static final class SplitFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    private final TableDef table;
    private final List<String> key;
    private final RunContext run;

    SplitFn(TableDef table, List<String> key, RunContext run) {
      this.table = table;
      this.key = key;
      this.run = run;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> group, MultiOutputReceiver out) {
      List<Row> rows = new ArrayList<>();
      group.getValue().forEach(rows::add);
      Set<Row> distinct = new LinkedHashSet<>(rows);
      if (distinct.size() == 1) {
        rows.forEach(r -> out.get(ParseWithDeadLetters.PARSED).output(r));
        return;
      }
      Row first = rows.get(0);
      String differing = null;
      for (Row other : distinct) {
        for (String f : table.schema().getFieldNames()) {
          if (!Objects.equals(first.getValue(f), other.getValue(f))) {
            differing = f;
            break;
          }
        }
        if (differing != null) {
          break;
        }
      }
      StringBuilder keyText = new StringBuilder();
      for (String f : key) {
        keyText
            .append(keyText.length() == 0 ? "" : ", ")
            .append(f)
            .append("=")
            .append(String.valueOf((Object) first.getValue(f)));
      }
      String reason =
          "duplicate primary key ("
              + keyText
              + ") with conflicting content: "
              + distinct.size()
              + " different rows with the same version, first difference in '"
              + differing
              + "'; none kept";
      java.time.Instant now = java.time.Instant.now();
      for (Row r : rows) {
        out.get(ParseWithDeadLetters.DEAD_LETTERS)
            .output(DeadLetters.row(run, table.name(), reason, differing, r.toString(), now));
      }
    }
  }
}
