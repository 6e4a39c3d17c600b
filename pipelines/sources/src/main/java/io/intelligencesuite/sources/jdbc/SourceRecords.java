package io.intelligencesuite.sources.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.load.TableLoad;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * A source row as read: column label (lower-case) to the driver's text of the value, or null. The
 * read never interprets values, so nothing can fail there; parsing happens in the dead-letter step,
 * which keeps this record (as JSON) as the raw payload of anything it rejects.
 */
public final class SourceRecords {
  public static final Coder<Map<String, String>> CODER =
      MapCoder.of(StringUtf8Coder.of(), NullableCoder.of(StringUtf8Coder.of()));
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceRecords() {}

  /** Maps each result-set row to column label -> text. */
  public static JdbcIO.RowMapper<Map<String, String>> mapper() {
    return new TextColumns();
  }

  /** A named class, not a lambda: JdbcIO's display data needs the mapper's canonical class name. */
  static final class TextColumns implements JdbcIO.RowMapper<Map<String, String>> {
    @Override
    public Map<String, String> mapRow(ResultSet rs) throws Exception {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, String> record = new HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        record.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
      }
      return record;
    }
  }

  /**
   * Source records into {@code table}, each rejected one dead-lettered with its {@link #payload}.
   */
  public static TableLoad<Map<String, String>> load(
      TableDef table,
      String orderingField,
      ParseWithDeadLetters.Parser<Map<String, String>> parser) {
    return TableLoad.of(table, orderingField, parser, SourceRecords::payload);
  }

  /** The record as a JSON object with sorted keys: the dead-letter payload. */
  public static String payload(Map<String, String> record) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(record).forEach(node::put);
    return node.toString();
  }
}
