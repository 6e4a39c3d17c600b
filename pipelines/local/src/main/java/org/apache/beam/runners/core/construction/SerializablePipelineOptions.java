/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except
 * in compliance with the License. You may obtain a copy of the License at
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Replaces the class of the same name in beam-runners-core-java 2.70.0 (Apache-2.0): same fields,
 * same serialized form, same behaviour; only serializeToJson remembers its last answer.
 */
package org.apache.beam.runners.core.construction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.common.ReflectHelpers;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Holds a {@link PipelineOptions} in serializable form (JSON), as Beam's does.
 *
 * <p>Why a copy: the Flink runner's translation wraps the same options in a new instance of this
 * class for every coder type and every function of the job graph (several per transform), and each
 * one serialized the options to JSON from scratch: reflection over every registered options
 * interface and its display data. The marts job has some 1,500 of them, and profiling (JFR, issue
 * 10) showed this serialization taking about 17% of the marts' CPU at scale 1 and most of the time
 * between building the pipeline and the job starting. Here the JSON of the last options serialized
 * is reused while they are unchanged: the same proxy, the same {@code revision()} (Beam bumps it on
 * every setter that changes a value), the same number of stored values (a getter with a computed
 * default stores it without a new revision, and Beam's JSON then includes it) and the same set of
 * interfaces it has been viewed as ({@code as()} swaps the proxy's computed properties, which the
 * display data is built from). Anything else serializes as before.
 */
public class SerializablePipelineOptions implements Serializable {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModules(ObjectMapper.findModules(ReflectHelpers.findClassLoader()));

  private static final @Nullable Field COMPUTED_PROPERTIES = handlerField("computedProperties");
  private static final @Nullable Field STORED_VALUES = handlerField("options");
  private static final Object LOCK = new Object();
  private static WeakReference<PipelineOptions> lastOptions = new WeakReference<>(null);
  private static int lastRevision;
  private static int lastStored;
  private static @Nullable Object lastProperties;
  private static @Nullable String lastJson;

  private final String serializedPipelineOptions;
  private transient PipelineOptions options;

  public SerializablePipelineOptions(PipelineOptions options) {
    this.serializedPipelineOptions = serializeToJson(options);
    this.options = options;
    FileSystems.setDefaultPipelineOptions(options);
  }

  public SerializablePipelineOptions(String json) {
    this.serializedPipelineOptions = json;
    this.options = deserializeFromJson(json);
    FileSystems.setDefaultPipelineOptions(options);
  }

  public PipelineOptions get() {
    return options;
  }

  private void readObject(ObjectInputStream is) throws IOException, ClassNotFoundException {
    is.defaultReadObject();
    this.options = deserializeFromJson(serializedPipelineOptions);
    FileSystems.setDefaultPipelineOptions(options);
  }

  private static String serializeToJson(PipelineOptions options) {
    Object properties = handlerValue(COMPUTED_PROPERTIES, options);
    Object stored = handlerValue(STORED_VALUES, options);
    int storedCount = stored instanceof java.util.Map<?, ?> m ? m.size() : -1;
    int revision = options.revision();
    synchronized (LOCK) {
      if (properties != null
          && storedCount >= 0
          && lastJson != null
          && lastOptions.get() == options
          && lastRevision == revision
          && lastStored == storedCount
          && lastProperties == properties) {
        return lastJson;
      }
    }
    String json;
    try {
      json = MAPPER.writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Failed to serialize PipelineOptions", e);
    }
    synchronized (LOCK) {
      lastOptions = new WeakReference<>(options);
      lastRevision = revision;
      lastStored = storedCount;
      lastProperties = properties;
      lastJson = json;
    }
    return json;
  }

  /**
   * A field of the options' proxy handler (computed properties, stored values), or null: no
   * caching.
   */
  private static @Nullable Object handlerValue(@Nullable Field field, PipelineOptions options) {
    if (field == null || !Proxy.isProxyClass(options.getClass())) {
      return null;
    }
    try {
      Object handler = Proxy.getInvocationHandler(options);
      return field.getDeclaringClass().isInstance(handler) ? field.get(handler) : null;
    } catch (IllegalAccessException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable Field handlerField(String name) {
    try {
      Field f =
          Class.forName("org.apache.beam.sdk.options.ProxyInvocationHandler")
              .getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another Beam version: serialize every time, as Beam does
    }
  }

  private static PipelineOptions deserializeFromJson(String options) {
    try {
      return MAPPER.readValue(options, PipelineOptions.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Failed to deserialize PipelineOptions", e);
    }
  }

  @Override
  public String toString() {
    return serializedPipelineOptions;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    SerializablePipelineOptions that = (SerializablePipelineOptions) o;
    return serializedPipelineOptions.equals(that.serializedPipelineOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serializedPipelineOptions, options);
  }
}
