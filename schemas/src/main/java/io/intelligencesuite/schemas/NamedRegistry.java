package io.intelligencesuite.schemas;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A registry's entries in dictionary order, looked up by name (tables, metrics). */
final class NamedRegistry<T> {
  private final String kind;
  private final Function<T, String> name;
  private final List<T> all;
  private final Map<String, T> byName;

  /**
   * @param kind what an entry is, in error messages: {@code table}, {@code metric}
   */
  NamedRegistry(String kind, Function<T, String> name, List<T> all) {
    this.kind = kind;
    this.name = name;
    this.all = List.copyOf(all);
    this.byName = all.stream().collect(Collectors.toUnmodifiableMap(name, Function.identity()));
  }

  List<T> all() {
    return all;
  }

  /** The entry with this name, or an error that lists the known names. */
  T named(String wanted) {
    T entry = byName.get(wanted);
    if (entry == null) {
      throw new IllegalArgumentException(
          "Unknown "
              + kind
              + " '"
              + wanted
              + "'. Known "
              + kind
              + "s: "
              + all.stream().map(name).collect(Collectors.joining(", ")));
    }
    return entry;
  }
}
