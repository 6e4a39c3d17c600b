package io.intelligencesuite.templates;

import io.intelligencesuite.testing.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.Yaml;

/**
 * templates/workflows/launch.yaml, parsed and run here without Google Cloud: a small interpreter
 * for the part of the Workflows language the file uses (sequential {@code assign}, {@code call} and
 * {@code return} steps; expressions with string and number literals, {@code +}, variable and
 * map-key references, and the functions {@code sys.now}, {@code sys.get_env}, {@code time.format},
 * {@code text.substring}, {@code text.replace_all}). Anything else fails the run, so a change to
 * the workflow that this cannot follow shows up as a failing test instead of passing unread. A
 * {@code call} records its target and evaluated arguments and answers what {@code connector}
 * returns.
 *
 * <p>Snakeyaml comes with Beam (the pipelines' runtime classpath), not as a declared test
 * dependency: a test-scoped declaration here would drop it from the lean jar this module shades.
 */
final class LaunchWorkflow {
  static final Path SOURCE = RepoRoot.get().resolve("templates/workflows/launch.yaml");

  /** One call step: the connector it names and its evaluated arguments. */
  record Call(String target, Map<String, Object> args) {}

  /** What a run did: its calls in order, and what it returned. */
  record Run(List<Call> calls, Object result) {}

  interface Connector {
    Object answer(Call call);
  }

  private final Map<String, Object> definition;

  private LaunchWorkflow(Map<String, Object> definition) {
    this.definition = definition;
  }

  @SuppressWarnings("unchecked")
  static LaunchWorkflow load() throws IOException {
    try (Reader reader = Files.newBufferedReader(SOURCE, StandardCharsets.UTF_8)) {
      return new LaunchWorkflow((Map<String, Object>) new Yaml().load(reader));
    }
  }

  Map<String, Object> definition() {
    return definition;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> main() {
    return (Map<String, Object>) definition.get("main");
  }

  /**
   * Runs main with {@code argument} as its single parameter, at {@code now}, with these environment
   * variables.
   */
  @SuppressWarnings("unchecked")
  Run run(Object argument, Instant now, Map<String, String> env, Connector connector) {
    List<String> params = (List<String>) main().get("params");
    if (params.size() != 1) {
      throw new IllegalStateException(
          "main takes " + params + "; the Executions API passes one argument");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(params.get(0), argument);
    Expressions expressions = new Expressions(vars, now, env);
    List<Call> calls = new ArrayList<>();
    for (Object stepEntry : (List<Object>) main().get("steps")) {
      Map<String, Object> step =
          (Map<String, Object>) ((Map<String, Object>) stepEntry).values().iterator().next();
      if (step.containsKey("assign")) {
        for (Object assignment : (List<Object>) step.get("assign")) {
          ((Map<String, Object>) assignment)
              .forEach((target, value) -> assign(vars, target, expressions.value(value)));
        }
      } else if (step.containsKey("call")) {
        Call call =
            new Call(
                (String) step.get("call"),
                (Map<String, Object>) expressions.value(step.get("args")));
        calls.add(call);
        if (step.containsKey("result")) {
          vars.put((String) step.get("result"), connector.answer(call));
        }
      } else if (step.containsKey("return")) {
        return new Run(calls, expressions.value(step.get("return")));
      } else {
        throw new IllegalStateException("step kind not modelled here: " + step.keySet());
      }
    }
    return new Run(calls, null);
  }

  @SuppressWarnings("unchecked")
  private static void assign(Map<String, Object> vars, String target, Object value) {
    String[] path = target.split("\\.");
    Map<String, Object> map = vars;
    for (int i = 0; i < path.length - 1; i++) {
      Object next = map.get(path[i]);
      if (!(next instanceof Map)) {
        throw new IllegalStateException("assigning " + target + ": " + path[i] + " is not a map");
      }
      map = (Map<String, Object>) next;
    }
    map.put(path[path.length - 1], value);
  }

  /** Evaluates {@code ${...}} strings inside any YAML value; other strings are literals. */
  private static final class Expressions {
    private final Map<String, Object> vars;
    private final Instant now;
    private final Map<String, String> env;
    private String text;
    private int pos;

    Expressions(Map<String, Object> vars, Instant now, Map<String, String> env) {
      this.vars = vars;
      this.now = now;
      this.env = env;
    }

    Object value(Object yaml) {
      return rebuild(yaml, this::evaluate);
    }

    /** A string {@code ${...}} evaluated (a copy of its value); anything else as it is. */
    private Object evaluate(Object yaml) {
      if (yaml instanceof String s && s.startsWith("${") && s.endsWith("}")) {
        text = s.substring(2, s.length() - 1);
        pos = 0;
        Object v = sum();
        skipSpaces();
        if (pos != text.length()) {
          throw new IllegalStateException("cannot read expression " + s + " at " + pos);
        }
        return deepCopy(v);
      }
      return yaml;
    }

    /** Workflows variables hold values: an assignment never aliases another variable's map. */
    private static Object deepCopy(Object v) {
      return rebuild(v, x -> x);
    }

    /**
     * {@code v} with its maps and lists rebuilt and every other value passed through {@code leaf}.
     */
    @SuppressWarnings("unchecked")
    private static Object rebuild(Object v, UnaryOperator<Object> leaf) {
      if (v instanceof Map) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) v).forEach((k, x) -> out.put(k, rebuild(x, leaf)));
        return out;
      }
      if (v instanceof List) {
        return ((List<Object>) v).stream().map(x -> rebuild(x, leaf)).toList();
      }
      return leaf.apply(v);
    }

    private Object sum() {
      Object left = term();
      while (peek('+')) {
        pos++;
        Object right = term();
        if (left instanceof String a && right instanceof String b) {
          left = a + b;
        } else if (left instanceof Number a && right instanceof Number b) {
          left = a.doubleValue() + b.doubleValue();
        } else {
          // Workflows does not turn a map, a number or null into text here: it raises a TypeError.
          throw new IllegalStateException("TypeError: " + left + " + " + right);
        }
      }
      return left;
    }

    private Object term() {
      skipSpaces();
      char c = text.charAt(pos);
      if (c == '"') {
        int end = text.indexOf('"', pos + 1);
        String literal = text.substring(pos + 1, end);
        pos = end + 1;
        return literal;
      }
      if (Character.isDigit(c)) {
        int start = pos;
        while (pos < text.length()
            && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
          pos++;
        }
        String number = text.substring(start, pos);
        return number.contains(".")
            ? (Object) Double.parseDouble(number)
            : (Object) Long.parseLong(number);
      }
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || "_.".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (name.isEmpty()) {
        throw new IllegalStateException("cannot read expression at " + pos + ": " + text);
      }
      if (peek('(')) {
        pos++;
        List<Object> args = new ArrayList<>();
        skipSpaces();
        if (!peek(')')) {
          do {
            if (peek(',')) {
              pos++;
            }
            args.add(sum());
            skipSpaces();
          } while (peek(','));
        }
        if (!peek(')')) {
          throw new IllegalStateException("missing ) in " + text);
        }
        pos++;
        return function(name, args);
      }
      return reference(name);
    }

    private Object function(String name, List<Object> args) {
      return switch (name) {
        case "sys.now" -> now.getEpochSecond() + now.getNano() / 1e9;
        case "sys.get_env" -> env.get((String) args.get(0));
        case "time.format" -> {
          // Seconds since the epoch -> RFC 3339 in UTC with microseconds, as Workflows formats it.
          double seconds = ((Number) args.get(0)).doubleValue();
          long micros = Math.round(seconds * 1e6);
          Instant at =
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
          yield DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
              .withZone(ZoneOffset.UTC)
              .format(at);
        }
        case "text.substring" -> {
          String s = (String) args.get(0);
          int from = ((Number) args.get(1)).intValue();
          int to = Math.min(((Number) args.get(2)).intValue(), s.length());
          yield s.substring(from, to);
        }
        case "text.replace_all" ->
            ((String) args.get(0)).replace((String) args.get(1), (String) args.get(2));
        default -> throw new IllegalStateException("function not modelled here: " + name);
      };
    }

    @SuppressWarnings("unchecked")
    private Object reference(String dotted) {
      String[] path = dotted.split("\\.");
      if (!vars.containsKey(path[0])) {
        throw new IllegalStateException("undefined variable " + path[0]);
      }
      Object v = vars.get(path[0]);
      for (int i = 1; i < path.length; i++) {
        if (!(v instanceof Map) || !((Map<String, Object>) v).containsKey(path[i])) {
          // Workflows raises KeyError for a missing key.
          throw new IllegalStateException("KeyError: " + dotted + " has no " + path[i]);
        }
        v = ((Map<String, Object>) v).get(path[i]);
      }
      return v;
    }

    private boolean peek(char c) {
      skipSpaces();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }
  }
}
