package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.load.TableLoad;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The read of an API source: its records were fetched completely before the pipeline was built (so
 * a failed fetch never reaches a write) and enter it as JSON text, one per row. Records the fetch
 * could not decode travel as {@link #rejection}s and become dead letters of their table ({@link
 * #rejected}).
 */
public final class FetchedRecords {
  private FetchedRecords() {}

  /** The fetched records of one table as a PCollection. */
  public static PCollection<String> of(Pipeline pipeline, String name, List<String> records) {
    return pipeline.apply("Fetched " + name, Create.of(records).withCoder(StringUtf8Coder.of()));
  }

  /** Dead letters only: counted as read, dead-lettered with the field and reason of the fetch. */
  public static TableLoad<String> rejected(TableDef table) {
    return TableLoad.rejected(table, FetchedRecords::rejectAgain);
  }

  /**
   * A record the fetch rejected, as its dead letter's payload: the field, the reason and the record
   * itself.
   */
  public static String rejection(@Nullable String field, String reason, JsonNode record) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("rejected_field", field);
    r.put("rejected_reason", reason);
    r.set("record", record);
    return r.toString();
  }

  private static org.apache.beam.sdk.values.Row rejectAgain(String rejection) {
    JsonNode r = Json.parse(rejection);
    throw new BadRecordException(
        Json.text(r, "rejected_field"), Json.requiredText(r, "rejected_reason"));
  }
}
