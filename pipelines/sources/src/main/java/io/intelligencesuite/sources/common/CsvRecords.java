package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A whole CSV text (RFC 4180, as jackson-dataformat-csv reads it: quoted cells may hold commas,
 * doubled quotes and line breaks) as records named by its header row. Blank lines are skipped. A
 * row that does not fit the header keeps its cells and says why ({@link Row#problem}), so the
 * caller can dead-letter it instead of loading missing cells as NULL. A quote that is never closed
 * would make the rest of the file one cell: that row alone is taken as a problem (its first line,
 * with the quote closed), and reading goes on at its next line.
 */
public final class CsvRecords {
  private static final ObjectReader ROWS =
      new CsvMapper()
          .readerForListOf(String.class)
          .with(CsvParser.Feature.WRAP_AS_ARRAY)
          .with(CsvParser.Feature.SKIP_EMPTY_LINES);

  /**
   * A data row: header field -> cell (null past the row's end); {@code problemField}/{@code
   * problem} when broken.
   */
  public record Row(
      Map<String, @Nullable String> cells,
      @Nullable String problemField,
      @Nullable String problem) {}

  private CsvRecords() {}

  /** The data rows of {@code text}, in order; its first row is the header. */
  public static List<Row> read(String text) {
    List<Row> out = new ArrayList<>();
    List<String> header = null;
    int from = 0;
    while (from < text.length()) {
      long end = 0;
      try (MappingIterator<List<String>> rows = ROWS.readValues(text.substring(from))) {
        while (rows.hasNextValue()) {
          List<String> cells = rows.nextValue();
          end = rows.getParser().getCurrentLocation().getCharOffset();
          if (header == null) {
            header = cells;
          } else {
            out.add(row(header, cells, null));
          }
        }
        return out;
      } catch (IOException | RuntimeException e) {
        // The parser stops at the end of the text inside a quoted cell: the row it was reading is
        // the
        // first non-blank line after the last complete row.
        int start = nextNonBlankLine(text, from + (int) end);
        int lineEnd = text.indexOf('\n', start) < 0 ? text.length() : text.indexOf('\n', start);
        List<String> cells = closedQuote(text.substring(start, lineEnd).stripTrailing());
        if (header == null) {
          header = cells;
        } else {
          out.add(row(header, cells, "a quote opened in this row is never closed"));
        }
        from = lineEnd + 1;
      }
    }
    return out;
  }

  private static Row row(List<String> header, List<String> cells, @Nullable String problem) {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      named.put(header.get(i), i < cells.size() ? cells.get(i) : null);
    }
    if (cells.size() != header.size()) {
      return new Row(
          named,
          cells.size() < header.size() ? header.get(cells.size()) : "record",
          "the CSV row has "
              + cells.size()
              + " cells, the header "
              + header.size()
              + " (a truncated row or an unclosed quote)");
    }
    return new Row(named, problem == null ? null : header.get(header.size() - 1), problem);
  }

  /** The cells of one line whose last quote is open, read with that quote closed. */
  private static List<String> closedQuote(String line) {
    try (MappingIterator<List<String>> rows = ROWS.readValues(line + "\"")) {
      return rows.hasNextValue() ? rows.nextValue() : List.of(line);
    } catch (IOException | RuntimeException e) {
      return List.of(line);
    }
  }

  private static int nextNonBlankLine(String text, int from) {
    int i = from;
    while (true) {
      int newline = text.indexOf('\n', i);
      if (newline < 0 || !text.substring(i, newline).isBlank()) {
        return i;
      }
      i = newline + 1;
    }
  }
}
