package io.intelligencesuite.sources.common;

import io.intelligencesuite.schemas.TableDef;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An HTTP API read inside the pipeline, page after page, the way Beam's {@code RequestResponseIO}
 * calls an API from a DoFn: the job graph carries only the seeds (which lists to read; the client's
 * settings and where its key comes from), never the data, so its size does not grow with the
 * source. The seeds are reshuffled so they spread over workers; each DoFn instance opens its client
 * once ({@link Client#open}, on the worker: the key is resolved there, {@link ApiKey}); a seed's
 * list is followed page by page through the client's own retries and backoff ({@link HttpRetry}).
 * Each record leaves as {@code (list, JSON text)} under {@link #RECORDS}; an entry the client
 * rejects leaves as {@code (table, rejection)} under {@link #REJECTED} and becomes that table's
 * dead letter. A list that still fails after its retries fails the bundle and so the run: {@code
 * LoadSource} replaces no table before every record is read.
 */
public final class ApiPages extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<KV<String, String>> RECORDS = new TupleTag<>("records") {};
  public static final TupleTag<KV<String, String>> REJECTED = new TupleTag<>("rejected") {};

  /** Where the records of one list go. */
  public interface Emitter {
    /** One record of {@code list}, as JSON text. */
    void record(String list, String json);

    /** An entry the client could not take: {@code table}'s dead letter ({@link FetchedRecords}). */
    void rejected(TableDef table, String rejection);
  }

  /** An open client: reads every page of one seed's list. */
  @FunctionalInterface
  public interface Lister {
    void list(String seed, Emitter out) throws Exception;
  }

  /** The client's settings, serialised into the graph; opened once per DoFn instance. */
  @FunctionalInterface
  public interface Client extends Serializable {
    Lister open();
  }

  private final String source;
  private final List<String> seeds;
  private final Client client;

  private ApiPages(String source, List<String> seeds, Client client) {
    super("Page " + source);
    this.source = source;
    this.seeds = List.copyOf(seeds);
    this.client = client;
  }

  /** Reads each of {@code seeds} through {@code client}; {@code source} names the steps. */
  public static ApiPages of(String source, List<String> seeds, Client client) {
    return new ApiPages(source, seeds, client);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    return fetch(
        begin.apply("Seeds", Create.of(seeds).withCoder(StringUtf8Coder.of())), source, client);
  }

  /**
   * Reads each seed of its input, seeds made inside the pipeline (ids an earlier read found),
   * through {@code client}: the same paging DoFn, outputs as {@link #of}'s.
   */
  public static PTransform<PCollection<String>, PCollectionTuple> fetching(
      String source, Client client) {
    return new PTransform<>("Fetch " + source) {
      @Override
      public PCollectionTuple expand(PCollection<String> seeds) {
        return fetch(seeds, source, client);
      }
    };
  }

  private static PCollectionTuple fetch(PCollection<String> seeds, String source, Client client) {
    KvCoder<String, String> coder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionTuple out =
        seeds
            .apply("Spread seeds", Reshuffle.viaRandomKey())
            .apply(
                "Fetch pages",
                ParDo.of(new FetchPages(source, client))
                    .withOutputTags(RECORDS, TupleTagList.of(REJECTED)));
    out.get(RECORDS).setCoder(coder);
    out.get(REJECTED).setCoder(coder);
    return out;
  }

  /** The records of one list, as JSON text. */
  public static PCollection<String> records(PCollectionTuple pages, String list) {
    return only(pages.get(RECORDS), list, "Records of " + list);
  }

  /** The rejections of one table's entries (see {@link FetchedRecords#rejected}). */
  public static PCollection<String> rejected(PCollectionTuple pages, TableDef table) {
    return only(pages.get(REJECTED), table.name(), "Rejected " + table.name());
  }

  private static PCollection<String> only(
      PCollection<KV<String, String>> all, String key, String name) {
    return all.apply(name, Filter.by(kv -> key.equals(kv.getKey())))
        .apply(name + " values", Values.create());
  }

  /** Pages through each seed's list with one client per DoFn instance. */
  static final class FetchPages extends DoFn<String, KV<String, String>> {
    private final Client client;
    private final Counter records;
    private final Counter rejected;
    private transient @Nullable Lister lister;

    FetchPages(String source, Client client) {
      this.client = client;
      this.records = Metrics.counter(ApiPages.class, source + " records");
      this.rejected = Metrics.counter(ApiPages.class, source + " rejected");
    }

    @Setup
    public void setup() {
      lister = client.open();
    }

    @ProcessElement
    public void process(@Element String seed, MultiOutputReceiver out) throws Exception {
      lister.list(
          seed,
          new Emitter() {
            @Override
            public void record(String list, String json) {
              records.inc();
              out.get(RECORDS).output(KV.of(list, json));
            }

            @Override
            public void rejected(TableDef table, String rejection) {
              rejected.inc();
              out.get(REJECTED).output(KV.of(table.name(), rejection));
            }
          });
    }
  }
}
