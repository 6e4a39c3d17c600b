package io.intelligencesuite.templates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One option of a pipeline's options interface, as its annotations declare it: the single source
 * the template metadata is generated from. Only our own options count (interfaces under {@code
 * io.intelligencesuite}): Beam's runner and SDK options are set by Dataflow itself (the launcher
 * passes project, region, temp location, service account and worker counts from the launch
 * request's environment), so no template exposes them.
 */
public record OptionSpec(
    String name,
    Class<?> type,
    @Nullable String description,
    boolean required,
    @Nullable String defaultValue,
    boolean localOnly) {

  static final String OUR_PACKAGE = "io.intelligencesuite.";

  /** Every option of {@code optionsType} declared by our interfaces, sorted by name. */
  public static List<OptionSpec> of(Class<? extends PipelineOptions> optionsType) {
    Map<String, OptionSpec> byName = new LinkedHashMap<>();
    for (Method getter : optionsType.getMethods()) {
      if (!getter.getDeclaringClass().getName().startsWith(OUR_PACKAGE)
          || getter.getParameterCount() != 0) {
        continue;
      }
      String name = propertyName(getter.getName());
      if (name == null) {
        continue;
      }
      Description description = getter.getAnnotation(Description.class);
      byName.putIfAbsent(
          name,
          new OptionSpec(
              name,
              getter.getReturnType(),
              description == null ? null : description.value(),
              getter.isAnnotationPresent(Validation.Required.class),
              defaultValue(getter),
              // @JsonIgnore options are never serialised with the pipeline: the plain-text
              // passwords for
              // local runs. A template cannot carry them, and must not.
              getter.isAnnotationPresent(JsonIgnore.class)));
    }
    List<OptionSpec> options = new ArrayList<>(byName.values());
    options.sort(Comparator.comparing(OptionSpec::name));
    return options;
  }

  /** The description on the options interface itself: the template's description. */
  public static @Nullable String typeDescription(Class<?> optionsType) {
    Description description = optionsType.getAnnotation(Description.class);
    return description == null ? null : description.value();
  }

  private static @Nullable String propertyName(String method) {
    String rest =
        method.startsWith("get")
            ? method.substring(3)
            : method.startsWith("is") ? method.substring(2) : null;
    if (rest == null || rest.isEmpty()) {
      return null;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  /** The {@code @Default.*} value as the text a command line would carry, or null. */
  private static @Nullable String defaultValue(Method getter) {
    for (Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() != Default.class
          || a instanceof Default.InstanceFactory) {
        continue;
      }
      try {
        Object value = a.annotationType().getMethod("value").invoke(a);
        return value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + a + " on " + getter, e);
      }
    }
    return null;
  }
}
