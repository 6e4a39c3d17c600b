package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.sources.common.ApiPrettyPrinter;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the output tree and remembers every file with its row count (for MANIFEST.json and the
 * summary). Always UTF-8, always "\n", JSON key order as inserted: byte-identical reruns.
 */
final class OutputFiles {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final Path root;
  private final Map<String, Long> rows = new TreeMap<>();

  OutputFiles(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Read after all writers are done. */
  synchronized Map<String, Long> rows() {
    return new TreeMap<>(rows);
  }

  BufferedWriter open(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
  }

  void writeBytes(String relative, byte[] bytes) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  /** Writers on several threads report here. */
  synchronized void count(String relative, long n) {
    rows.put(relative, n);
  }

  /** Pretty-printed JSON the way API servers return it (two-space indent, "key": value). */
  void writeJson(String relative, Object tree, long rowCount) throws IOException {
    try (Writer out = open(relative)) {
      JSON.writer(new ApiPrettyPrinter()).writeValue(out, tree);
      out.write("\n");
    }
    count(relative, rowCount);
  }

  /** One JSON document per line. */
  void writeNdjson(String relative, List<ObjectNode> lines) throws IOException {
    try (Writer out = open(relative)) {
      for (ObjectNode n : lines) {
        out.write(JSON.writeValueAsString(n));
        out.write('\n');
      }
    }
    count(relative, lines.size());
  }

  /** A DDL file; its "row count" is the number of tables it creates. */
  void writeDdl(String relative, String text) throws IOException {
    try (Writer out = open(relative)) {
      out.write(text);
    }
    count(relative, text.split("CREATE TABLE", -1).length - 1);
  }

  static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  /** RFC 4180 (the warehouse's CSV output rule); a null is an empty field. */
  static String csv(Object value) {
    return value == null ? "" : DuckDbQueries.csv(value.toString());
  }

  static void csvRow(Writer out, Object... values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(csv(values[i]));
    }
    out.write("\r\n");
  }

  static JsonGenerator generator(Writer w) throws IOException {
    return JSON.getFactory().createGenerator(w);
  }
}
