package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.sideinputs.SideInputPerBundle;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Leaves internal and QA accounts out of every mart: accounts whose domain is one of the internal
 * domains, their users, their Stripe and ChartMogul customers, subscriptions, invoices and
 * payments, leads with an internal email or company domain, and web events of internal users.
 * Excluded rows are counted (metric {@code internal_rows_excluded} per table), not dead-lettered:
 * they are valid data that the metrics' definitions leave out.
 */
final class InternalAccounts {
  private InternalAccounts() {}

  static Set<String> parseDomains(String spec) {
    return Arrays.stream(spec == null ? new String[0] : spec.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  static Staging exclude(Staging in, Set<String> domains) {
    if (domains.isEmpty()) {
      return in;
    }
    // A view over a table this pipeline did not read would be an empty set, which excludes
    // nothing: such views (null here) and the filters on unread tables are left out of the graph.
    PCollectionView<Set<String>> accounts =
        !in.has(Tables.COMPANIES)
            ? null
            : keys(
                "Internal accounts",
                in.get(Tables.COMPANIES),
                "account_id",
                r -> domains.contains(lower(r.getString("domain"))));
    PCollectionView<Set<String>> users =
        !in.has(Tables.USERS)
            ? null
            : keys(
                "Internal users",
                in.get(Tables.USERS),
                "user_id",
                r -> domains.contains(lower(r.getString("email_domain"))),
                "account_id",
                accounts);
    PCollectionView<Set<String>> leads =
        !in.has(Tables.LEADS)
            ? null
            : keys(
                "Internal leads",
                in.get(Tables.LEADS),
                "lead_id",
                r ->
                    domains.contains(lower(r.getString("email_domain")))
                        || domains.contains(lower(r.getString("company_domain"))));
    PCollectionView<Set<String>> customers =
        !in.has(Tables.CUSTOMERS)
            ? null
            : keys(
                "Internal customers",
                in.get(Tables.CUSTOMERS),
                "customer_id",
                r -> domains.contains(domainOf(r.getString("email"))),
                "account_id",
                accounts);
    PCollectionView<Set<String>> subscriptions =
        !in.has(Tables.SUBSCRIPTIONS) || !in.has(Tables.SUBSCRIPTION_ITEMS)
            ? null
            : keys(
                "Internal subscriptions",
                in.get(Tables.SUBSCRIPTIONS),
                "subscription_id",
                r -> false,
                "customer_id",
                customers);

    Map<TableDef, UnaryOperator<PCollection<Row>>> changes = new LinkedHashMap<>();
    changes.put(Tables.COMPANIES, filter(Tables.COMPANIES, "account_id", accounts));
    changes.put(Tables.USERS, filter(Tables.USERS, "user_id", users));
    changes.put(Tables.EVENTS_PRODUCT, filter(Tables.EVENTS_PRODUCT, "account_id", accounts));
    changes.put(Tables.EVENTS_WEB, filter(Tables.EVENTS_WEB, "user_id", users));
    changes.put(Tables.LEADS, filter(Tables.LEADS, "lead_id", leads));
    changes.put(Tables.LEAD_SCORING_RUNS, filter(Tables.LEAD_SCORING_RUNS, "lead_id", leads));
    for (TableDef t :
        new TableDef[] {
          Tables.CUSTOMERS,
          Tables.SUBSCRIPTIONS,
          Tables.INVOICES,
          Tables.INVOICE_LINES,
          Tables.PAYMENTS
        }) {
      changes.put(t, filter(t, "customer_id", customers));
    }
    changes.put(
        Tables.SUBSCRIPTION_ITEMS,
        filter(Tables.SUBSCRIPTION_ITEMS, "subscription_id", subscriptions));
    changes.put(
        Tables.CHARTMOGUL_CUSTOMERS, filter(Tables.CHARTMOGUL_CUSTOMERS, "external_id", customers));
    changes.put(
        Tables.CHARTMOGUL_ACTIVITIES,
        filter(Tables.CHARTMOGUL_ACTIVITIES, "customer_external_id", customers));
    return in.with(changes);
  }

  interface RowTest extends java.io.Serializable {
    boolean test(Row r);
  }

  private static PCollectionView<Set<String>> keys(
      String name, PCollection<Row> rows, String keyColumn, RowTest test) {
    return keys(name, rows, keyColumn, test, null, null);
  }

  /**
   * The set of {@code keyColumn} values of rows that pass {@code test} or whose {@code viaColumn}
   * is in {@code via}.
   */
  private static PCollectionView<Set<String>> keys(
      String name,
      PCollection<Row> rows,
      String keyColumn,
      RowTest test,
      @Nullable String viaColumn,
      @Nullable PCollectionView<Set<String>> via) {
    ParDo.SingleOutput<Row, String> select =
        ParDo.of(
            new DoFn<Row, String>() {
              @ProcessElement
              public void process(@Element Row r, OutputReceiver<String> out, ProcessContext c) {
                String key = r.getString(keyColumn);
                boolean internal =
                    test.test(r)
                        || (via != null && c.sideInput(via).contains(r.getString(viaColumn)));
                if (key != null && internal) {
                  out.output(key);
                }
              }
            });
    if (via != null) {
      select = select.withSideInputs(via);
    }
    PCollection<String> selected =
        rows.apply(name + " keys", select).setCoder(StringUtf8Coder.of());
    return selected.apply(name, Combine.globally(new ToSet()).asSingletonView());
  }

  /** Leaves out the rows whose {@code column} is in {@code keys}; no keys (null): no filter. */
  private static UnaryOperator<PCollection<Row>> filter(
      TableDef table, String column, @Nullable PCollectionView<Set<String>> keys) {
    if (keys == null) {
      return rows -> rows;
    }
    // The input's own schema: a staging table may be read with only the columns the marts use.
    return rows ->
        rows.apply(
                "Exclude internal " + table.name(),
                ParDo.of(
                        new DoFn<Row, Row>() {
                          private final Counter excluded =
                              Metrics.counter("internal_rows_excluded", table.name());
                          // Every staging row passes here (2.5M at demo scale 10): read the key set
                          // once per bundle.
                          private final SideInputPerBundle<Set<String>> internal =
                              new SideInputPerBundle<>(keys);

                          @StartBundle
                          public void startBundle() {
                            internal.reset();
                          }

                          @ProcessElement
                          public void process(
                              @Element Row r,
                              OutputReceiver<Row> out,
                              ProcessContext c,
                              BoundedWindow w) {
                            String v = r.getString(column);
                            if (v != null && internal.get(c, w).contains(v)) {
                              excluded.inc(ReadTable.rowsIn(r));
                            } else {
                              out.output(r);
                            }
                          }
                        })
                    .withSideInputs(keys))
            .setRowSchema(rows.getSchema());
  }

  static String lower(@Nullable String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }

  static String domainOf(@Nullable String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    return at < 0 ? "" : lower(email.substring(at + 1));
  }

  static final class ToSet extends Combine.CombineFn<String, Set<String>, Set<String>> {
    @Override
    public Set<String> createAccumulator() {
      return new HashSet<>();
    }

    @Override
    public Set<String> addInput(Set<String> acc, String input) {
      acc.add(input);
      return acc;
    }

    @Override
    public Set<String> mergeAccumulators(Iterable<Set<String>> accs) {
      Set<String> out = new HashSet<>();
      accs.forEach(out::addAll);
      return out;
    }

    @Override
    public Set<String> extractOutput(Set<String> acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Set<String>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<String> input) {
      return SetCoder.of(StringUtf8Coder.of());
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Set<String>> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<String> input) {
      return SetCoder.of(StringUtf8Coder.of());
    }
  }
}
