package io.intelligencesuite.transforms.identity;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The ids that disappear between two identity maps: {@code identity_map} as the previous run left
 * it ({@link #PREVIOUS}) and as this run resolves it ({@link #CURRENT}) -> one {@code
 * identity_merges} row per disappeared id and id its identifiers now resolve to.
 *
 * <p>Ids are named by a profile's strongest identifier ({@link IdentifierTypes#personId}), so an id
 * that keeps its strongest identifier keeps its name, whatever else arrives or leaves. An earlier
 * id P disappears when none of its identifiers resolves to P any more; each id S its identifiers
 * resolve to now gets a row P -> S:
 *
 * <ul>
 *   <li>{@code merge}: S also holds identifiers of another earlier profile (two profiles joined;
 *       the survivor is the one whose identifier names the union, deterministically);
 *   <li>{@code rename}: S holds only P's earlier identifiers plus new ones (a stronger identifier
 *       arrived, e.g. a lead signed up and its user id now names the person);
 *   <li>{@code split}: P's identifiers went to several ids (one row each, with the counts: re-key
 *       through identity_map by identifier, not by id).
 * </ul>
 *
 * A profile that keeps its id records nothing, even when some of its identifiers leave it (a split
 * in which the id stays with the part holding its strongest identifier): no id disappeared. An
 * identifier present in only one of the two maps says nothing about merges (a first run, whose
 * previous map is empty, records none). Persons are compared over person-level identifiers,
 * companies over company-level ones (a person moving school is not a company merge).
 */
public final class IdentityMerges extends PTransform<PCollectionTuple, PCollection<Row>> {
  /** identity_map rows as the previous run wrote them (empty on a first run). */
  public static final TupleTag<Row> PREVIOUS = new TupleTag<>() {};

  /** identity_map rows of this run, before they are written. */
  public static final TupleTag<Row> CURRENT = new TupleTag<>() {};

  static final String PERSON = "person";
  static final String COMPANY = "company";

  private final String runId;
  private final LocalDate runDate;

  private IdentityMerges(String runId, LocalDate runDate) {
    super("Identity merges");
    this.runId = runId;
    this.runDate = runDate;
  }

  /** The merges rows of run {@code runId}, dated {@code runDate} (the run's start day, UTC). */
  public static IdentityMerges of(String runId, LocalDate runDate) {
    return new IdentityMerges(runId, runDate);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple maps) {
    TupleTag<String> before = new TupleTag<>() {};
    TupleTag<String> now = new TupleTag<>() {};
    return KeyedPCollectionTuple.of(
            before, maps.get(PREVIOUS).apply("Previous ids", ParDo.of(new IdsByIdentifier())))
        .and(now, maps.get(CURRENT).apply("Current ids", ParDo.of(new IdsByIdentifier())))
        .apply("Join on identifier", CoGroupByKey.create())
        .apply(
            "Earlier id -> id now",
            ParDo.of(
                new DoFn<KV<String, CoGbkResult>, KV<String, Long>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, Long>> out) {
                    // identity_map's key is the identifier: at most one id on each side.
                    String was = e.getValue().getOnly(before, null);
                    String is = e.getValue().getOnly(now, null);
                    if (was != null && is != null) {
                      out.output(KV.of(levelOf(e.getKey()) + "|" + was + "|" + is, 1L));
                    }
                  }
                }))
        .apply("Identifiers moved", Sum.longsPerKey())
        .apply("Key by id now", ParDo.of(new ByCurrentId()))
        .apply("Group by id now", GroupByKey.create())
        .apply("Earlier profiles per id", ParDo.of(new EarlierProfiles()))
        .apply("Group by earlier id", GroupByKey.create())
        .apply("Disappeared ids", ParDo.of(disappeared(runId, runDate)))
        .setRowSchema(Tables.IDENTITY_MERGES.schema());
  }

  /** The level of a {@code level|type:value} key. */
  private static String levelOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  /** identity_map row -> {@code level|type:value} -> the id of that level it resolves to. */
  static final class IdsByIdentifier extends DoFn<Row, KV<String, String>> {
    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<String, String>> out) {
      String type = r.getString("identifier_type");
      boolean person = IdentifierTypes.PERSON_LEVEL.contains(type);
      String id = person ? r.getString("person_id") : r.getString("company_id");
      if (id != null) {
        String node = IdentifierTypes.node(type, r.getString("identifier_value"));
        out.output(KV.of((person ? PERSON : COMPANY) + "|" + node, id));
      }
    }
  }

  /** {@code level|P|S -> n} -> {@code level|S -> (P, n)}. */
  static final class ByCurrentId extends DoFn<KV<String, Long>, KV<String, KV<String, Long>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> e, OutputReceiver<KV<String, KV<String, Long>>> out) {
      String[] parts = e.getKey().split("\\|", 3);
      out.output(KV.of(parts[0] + "|" + parts[2], KV.of(parts[1], e.getValue())));
    }
  }

  /**
   * For id S now and the earlier ids whose identifiers it holds: each earlier id P -> (S, n, how
   * many other earlier ids S holds identifiers of).
   */
  static final class EarlierProfiles
      extends DoFn<KV<String, Iterable<KV<String, Long>>>, KV<String, KV<String, KV<Long, Long>>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, Long>>> e,
        OutputReceiver<KV<String, KV<String, KV<Long, Long>>>> out) {
      String level = levelOf(e.getKey());
      String now = e.getKey().substring(level.length() + 1);
      List<KV<String, Long>> earlier = new ArrayList<>();
      e.getValue().forEach(earlier::add);
      long others = earlier.size() - 1L;
      for (KV<String, Long> p : earlier) {
        out.output(KV.of(level + "|" + p.getKey(), KV.of(now, KV.of(p.getValue(), others))));
      }
    }
  }

  /** An earlier id none of whose identifiers resolves to it now: one row per id they went to. */
  static DoFn<KV<String, Iterable<KV<String, KV<Long, Long>>>>, Row> disappeared(
      String runId, LocalDate runDate) {
    return new DoFn<KV<String, Iterable<KV<String, KV<Long, Long>>>>, Row>() {
      @ProcessElement
      public void process(
          @Element KV<String, Iterable<KV<String, KV<Long, Long>>>> e, OutputReceiver<Row> out) {
        String level = levelOf(e.getKey());
        String was = e.getKey().substring(level.length() + 1);
        // Sorted by id now, so the rows and their reasons are the same on every run and runner.
        Map<String, KV<Long, Long>> to = new TreeMap<>();
        for (KV<String, KV<Long, Long>> s : e.getValue()) {
          to.put(s.getKey(), s.getValue());
        }
        if (to.containsKey(was)) {
          return; // the id survives (it still holds its strongest identifier)
        }
        for (Map.Entry<String, KV<Long, Long>> s : to.entrySet()) {
          long moved = s.getValue().getKey();
          long others = s.getValue().getValue();
          String kind = to.size() > 1 ? "split" : others > 0 ? "merge" : "rename";
          out.output(
              RowBuilder.of(Tables.IDENTITY_MERGES)
                  .set("run_id", runId)
                  .set("merged_date", runDate)
                  .set("level", level)
                  .set("merged_id", was)
                  .set("surviving_id", s.getKey())
                  .set("kind", kind)
                  .set("identifiers_moved", moved)
                  .set("reason", reason(level, was, s.getKey(), kind, moved, others, to))
                  .build());
        }
      }
    };
  }

  private static String reason(
      String level,
      String was,
      String now,
      String kind,
      long moved,
      long others,
      Map<String, KV<Long, Long>> to) {
    String head =
        moved + " " + level + " identifier(s) of " + was + " now resolve to " + now + ": ";
    switch (kind) {
      case "merge":
        return head
            + "merged with "
            + others
            + " other earlier profile(s); "
            + now
            + " is named by the union's strongest identifier";
      case "rename":
        return head + "a stronger identifier joined the profile and now names it";
      default:
        StringBuilder spread = new StringBuilder();
        to.forEach(
            (id, n) ->
                spread
                    .append(spread.length() == 0 ? "" : ", ")
                    .append(id)
                    .append(": ")
                    .append(n.getKey()));
        return head
            + "split, its identifiers went to "
            + to.size()
            + " ids ("
            + spread
            + "); re-key by identifier through identity_map";
    }
  }
}
