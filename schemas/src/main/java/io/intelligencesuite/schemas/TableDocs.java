package io.intelligencesuite.schemas;

import java.util.stream.Collectors;

/** Renders the data dictionary, docs/tables.md, from the registry. */
public final class TableDocs {
  private TableDocs() {}

  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Data dictionary: tables\n\n")
        .append(
            "Generated from the schema registry (`schemas/src/main/java/io/intelligencesuite/schemas/Tables.java`);\n")
        .append("do not edit by hand. The metric definitions live in the metrics dictionary.\n\n")
        .append(
            "Conventions: keys are `<object>_id`, timestamps `<event>_at` in UTC, dates `<event>_date`,\n")
        .append(
            "booleans `is_` / `has_`, money in minor units with a `_cents` suffix. JSON columns hold JSON text.\n\n");
    for (Layer layer : Layer.values()) {
      md.append("- ")
          .append(layer.name().toLowerCase())
          .append(": ")
          .append(
              Tables.all().stream()
                  .filter(t -> t.layer() == layer)
                  .map(t -> "[`" + t.name() + "`](#" + t.name() + ")")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    for (TableDef t : Tables.all()) {
      md.append("\n## ")
          .append(t.name())
          .append("\n\n")
          .append(t.description())
          .append("\n\n")
          .append("| | |\n|---|---|\n")
          .append("| layer | ")
          .append(t.layer().name().toLowerCase())
          .append(" |\n")
          .append("| grain | ")
          .append(t.grain())
          .append(" |\n")
          .append("| primary key | ")
          .append(code(String.join(", ", t.primaryKey())))
          .append(" |\n")
          .append("| partitioned by | ")
          .append(t.partitionColumn().map(c -> code(c) + " (day)").orElse("none"))
          .append(" |\n")
          .append("| clustered by | ")
          .append(t.clustering().isEmpty() ? "none" : code(String.join(", ", t.clustering())))
          .append(" |\n")
          .append("| refresh | ")
          .append(t.refresh().name().toLowerCase())
          .append(" |\n")
          .append("| loaded by | ")
          .append(
              t.loadedBy().isEmpty()
                  ? "every pipeline (ops table)"
                  : code(String.join(", ", t.loadedBy())))
          .append(" |\n");
      t.freshness()
          .ifPresent(
              f ->
                  md.append("| freshness | warn after ")
                      .append(hours(f.warnAfter()))
                      .append(", error after ")
                      .append(hours(f.errorAfter()))
                      .append(": ")
                      .append(f.why())
                      .append(" |\n"));
      for (Relationship r : t.relationships()) {
        md.append("| references | ")
            .append(code(r.column()))
            .append(" -> ")
            .append(code(r.toTable() + "." + r.toColumn()))
            .append(" (")
            .append(r.severity().label())
            .append(") |\n");
      }
      md.append('\n').append("| column | type | mode | description |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        md.append("| ")
            .append(code(c.name()))
            .append(" | ")
            .append(c.type().name())
            .append(" | ")
            .append(c.mode())
            .append(" | ")
            .append(c.description().replace("|", "\\|"))
            .append(tests(c))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** The column's data tests beyond its type, in words. */
  private static String tests(Column c) {
    StringBuilder sb = new StringBuilder();
    if (c.acceptedValues() != null) {
      sb.append(". Accepted values (")
          .append(c.acceptedValues().severity().label())
          .append("): ")
          .append(
              c.acceptedValues().values().stream()
                  .map(TableDocs::code)
                  .collect(Collectors.joining(", ")));
    }
    if (c.nonNegative()) {
      sb.append(". Never negative");
    }
    return sb.toString();
  }

  private static String hours(java.time.Duration d) {
    return d.toHours() + " h";
  }

  private static String code(String s) {
    return "`" + s + "`";
  }
}
