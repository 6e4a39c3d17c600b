package io.intelligencesuite.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pieces of Markdown the generated dictionaries ({@link TableDocs}, {@link MetricDocs}) share.
 */
final class Markdown {
  private Markdown() {}

  /** One table row: {@code | a | b | c |} and a newline. */
  static String row(Object... cells) {
    return Arrays.stream(cells)
        .map(String::valueOf)
        .collect(Collectors.joining(" | ", "| ", " |\n"));
  }

  /**
   * A section heading ({@code hashes} sets its level), its text, and the head of its two-column
   * property table.
   */
  static String section(String hashes, String name, String text) {
    return "\n" + hashes + " " + name + "\n\n" + text + "\n\n| | |\n|---|---|\n";
  }

  static String code(String s) {
    return "`" + s + "`";
  }

  /** The tables' names as code, comma-separated. */
  static String codes(List<TableDef> tables) {
    return tables.stream().map(t -> code(t.name())).collect(Collectors.joining(", "));
  }

  /** Text that may hold a pipe, made safe for a table cell. */
  static String cell(String s) {
    return s.replace("|", "\\|");
  }
}
