package io.intelligencesuite.schemas;

import static io.intelligencesuite.schemas.Markdown.cell;
import static io.intelligencesuite.schemas.Markdown.code;
import static io.intelligencesuite.schemas.Markdown.row;
import static io.intelligencesuite.schemas.Markdown.section;

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
            "booleans `is_` / `has_`, money in minor units with a `_cents` suffix. JSON columns hold JSON text.\n\n")
        .append(
            "Refresh (what a rerun replaces, the same on DuckDB and BigQuery): `replace_partitions`: "
                + "exactly the days the run covers (its `--startDate/--endDate`, the days of the export "
                + "shards it read, or every day for a run that read the whole source), a covered day "
                + "with no rows ending empty; rows dated outside those days are merged by primary key, "
                + "deleting nothing else. `replace_table`: the whole table (a full snapshot). "
                + "`append_by_run`: rows are added per run; rows of the same run id are replaced.\n\n");
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
      md.append(section("##", t.name(), t.description()))
          .append(row("layer", t.layer().name().toLowerCase()))
          .append(row("grain", t.grain()))
          .append(row("primary key", code(String.join(", ", t.primaryKey()))))
          .append(
              row(
                  "partitioned by",
                  t.partitionColumn().map(c -> code(c) + " (day)").orElse("none")))
          .append(
              row(
                  "clustered by",
                  t.clustering().isEmpty() ? "none" : code(String.join(", ", t.clustering()))))
          .append(row("refresh", t.refresh().name().toLowerCase()))
          .append(
              row(
                  "loaded by",
                  t.loadedBy().isEmpty()
                      ? "every pipeline (ops table)"
                      : code(String.join(", ", t.loadedBy()))));
      t.freshness()
          .ifPresent(
              f ->
                  md.append(
                      row(
                          "freshness",
                          "warn after "
                              + hours(f.warnAfter())
                              + ", error after "
                              + hours(f.errorAfter())
                              + ": "
                              + f.why())));
      t.sourceFreshness()
          .ifPresent(
              f ->
                  md.append(
                      row(
                          "source freshness",
                          "newest "
                              + code(f.column())
                              + ": warn after "
                              + hours(f.thresholds().warnAfter())
                              + ", error after "
                              + hours(f.thresholds().errorAfter())
                              + ": "
                              + f.thresholds().why())));
      for (Relationship r : t.relationships()) {
        md.append(
            row(
                "references",
                code(r.column())
                    + " -> "
                    + code(r.toTable() + "." + r.toColumn())
                    + " ("
                    + r.severity().label()
                    + ")"));
      }
      md.append('\n').append("| column | type | mode | description |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        md.append(row(code(c.name()), c.type().name(), c.mode(), cell(c.description()) + tests(c)));
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
                  .map(Markdown::code)
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
}
