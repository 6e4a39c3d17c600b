package io.intelligencesuite.sources.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.demo.DemoCompany;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo company (seed 42, scale 1) for the JDBC tests: generated once per build under target/. */
public final class DemoSources {
  private static Path dir;

  private DemoSources() {}

  public static synchronized Path dir() throws IOException {
    if (dir == null) {
      Path d = Path.of(System.getProperty("java.io.tmpdir"), "jdbc-demo-42-1").toAbsolutePath();
      Path manifest = d.resolve("MANIFEST.json");
      boolean fresh = Files.exists(manifest)
          && DemoCompany.GENERATOR_VERSION.equals(new ObjectMapper().readTree(manifest.toFile()).path("generator_version").asText());
      if (!fresh) {
        DemoCompany.generate(d, 42, 1);
      }
      dir = d;
    }
    return dir;
  }

  public static JsonNode truth(String file) throws IOException {
    return new ObjectMapper().readTree(dir().resolve("truth").resolve(file).toFile());
  }

  /** A CSV file as header -> value maps (RFC 4180: quoted fields, doubled quotes). */
  public static List<Map<String, String>> csv(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      int c;
      while ((c = in.read()) != -1) {
        char ch = (char) c;
        if (quoted) {
          if (ch == '"') {
            in.mark(1);
            int next = in.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next != -1) {
                in.reset();
              }
            }
          } else {
            field.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (ch == '\n') {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else if (ch != '\r') {
          field.append(ch);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
    }
    List<String> header = rows.get(0);
    List<Map<String, String>> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
