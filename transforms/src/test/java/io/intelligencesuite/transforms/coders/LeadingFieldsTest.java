package io.intelligencesuite.transforms.coders;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * {@link EncodedRows.LeadingFields} reads the leading fields of RowCoder bytes as the whole decode
 * does: same values, nulls included, for every prefix asked for.
 */
public class LeadingFieldsTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .addNullableField("id", FieldType.STRING)
          .addNullableField("ts", FieldType.DATETIME)
          .addNullableField("n", FieldType.INT64)
          .addNullableField("flag", FieldType.BOOLEAN)
          .addNullableField("x", FieldType.DOUBLE)
          .addNullableField("k", FieldType.INT32)
          .addNullableField("params", FieldType.STRING)
          .build();

  private static final List<Row> ROWS =
      List.of(
          Row.withSchema(SCHEMA)
              .addValues("e1", new Instant(1_730_443_106_091L), 300L, true, 1.5, 7, "{\"a\":1}")
              .build(),
          Row.withSchema(SCHEMA).addValues(null, new Instant(0), null, false, null, -1, "").build(),
          Row.withSchema(SCHEMA).addValues("é ü", null, -5L, null, -0.25, null, null).build(),
          Row.withSchema(SCHEMA).addValues(null, null, null, null, null, null, null).build());

  @Test
  public void leadingFieldsEqualTheWholeDecodesFirstFields() {
    EncodedRows.Encoder encoder = new EncodedRows.Encoder(SCHEMA);
    EncodedRows.Decoder whole = new EncodedRows.Decoder(SCHEMA);
    for (List<String> asked :
        List.of(List.of("id"), List.of("id", "ts"), List.of("flag", "id"), List.of("k"))) {
      EncodedRows.LeadingFields leading = new EncodedRows.LeadingFields(SCHEMA, asked);
      for (Row row : ROWS) {
        byte[] bytes = encoder.encode(row);
        Row full = whole.decode(bytes);
        Row part = leading.decode(bytes);
        // Up to the last field asked for: "flag" is the 4th, "k" the 6th.
        int expectedFields = asked.stream().mapToInt(SCHEMA::indexOf).max().getAsInt() + 1;
        assertEquals(asked + " of " + row, expectedFields, part.getFieldCount());
        for (int i = 0; i < expectedFields; i++) {
          Object expected = full.getValue(i);
          Object actual = part.getValue(i);
          assertEquals(asked + " of " + row, expected, actual);
        }
      }
    }
  }

  @Test
  public void aLeadingTypeItDoesNotReadGivesTheWholeRow() {
    Schema schema =
        Schema.builder()
            .addDecimalField("amount")
            .addStringField("id")
            .addStringField("rest")
            .build();
    Row row = Row.withSchema(schema).addValues(new BigDecimal("12.50"), "e1", "r").build();
    Row decoded =
        new EncodedRows.LeadingFields(schema, List.of("id"))
            .decode(new EncodedRows.Encoder(schema).encode(row));
    assertEquals(row, decoded);
  }
}
