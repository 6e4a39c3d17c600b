package io.intelligencesuite.transforms.datatests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a test's query returned: how many failing rows, and the first few of them.
 *
 * @param columns the query's output column names
 * @param sample the first rows (at most the sample size asked for), values as the warehouse gave
 *     them
 */
public record FailingRows(long count, List<String> columns, List<List<Object>> sample) {
  private static final int MAX_SAMPLE_CHARS = 600;

  public FailingRows {
    columns = List.copyOf(columns);
    sample = sample.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
  }

  public static FailingRows none() {
    return new FailingRows(0, List.of(), List.of());
  }

  /** The sample as {@code col=value, col=value; ...}: the failing keys, by name. */
  public String render() {
    List<String> rows = new ArrayList<>();
    for (List<Object> row : sample) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        cells.add((i < columns.size() ? columns.get(i) : "col" + (i + 1)) + "=" + row.get(i));
      }
      rows.add(String.join(", ", cells));
    }
    String text = String.join("; ", rows);
    return text.length() <= MAX_SAMPLE_CHARS
        ? text
        : text.substring(0, MAX_SAMPLE_CHARS - 3) + "...";
  }
}
