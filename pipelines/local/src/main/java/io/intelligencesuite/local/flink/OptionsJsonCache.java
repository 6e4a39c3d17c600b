package io.intelligencesuite.local.flink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.common.ReflectHelpers;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Serializes a {@link PipelineOptions} proxy to JSON once per state instead of once per call. The
 * Flink runner's batch translation wraps the same options in a new {@code
 * SerializablePipelineOptions} for every coder and function of the job, and each one serializes the
 * options with Beam's serializer, which reflects over every known options interface and builds
 * their display data (docs/upstream/beam-serializable-pipeline-options.md): about a third of the
 * submitting thread's time before an identity or marts job reads its first row (issue 23).
 *
 * <p>How: a Jackson module, found by {@link ObjectMapper#findModules} (the way Beam's own mappers
 * load modules) through the suite jar's {@code META-INF/services}, puts this serializer on {@link
 * PipelineOptions} as a mix-in. It writes what Beam's serializer wrote for the same options while
 * they are in the same state, and asks Beam's serializer (through a mapper with the same modules
 * but this one) otherwise. The state is the proxy itself, its {@code revision()} (bumped by every
 * setter), the interfaces it knows ({@code as()} replaces Beam's computed properties) and how many
 * values it holds (a getter's computed default is stored without a new revision): any change
 * serializes again. Should Beam's proxy lose those fields, nothing is cached. Only the suite jar
 * (the CLI, the bench, the local runs) carries the module; the Dataflow templates' jar does not.
 */
public final class OptionsJsonCache extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public OptionsJsonCache() {
    super(OptionsJsonCache.class.getSimpleName());
    setMixInAnnotation(PipelineOptions.class, Mixin.class);
  }

  @JsonSerialize(using = CachingSerializer.class)
  private interface Mixin {}

  /** Beam's serialization: a mapper with the modules Beam's mappers load, except this one. */
  private static final class Plain {
    static final ObjectMapper MAPPER = plainMapper();

    private static ObjectMapper plainMapper() {
      List<Module> modules = ObjectMapper.findModules(ReflectHelpers.findClassLoader());
      modules.removeIf(m -> m instanceof OptionsJsonCache);
      return new ObjectMapper().registerModules(modules);
    }
  }

  private static final @Nullable Field COMPUTED = field("computedProperties");
  private static final @Nullable Field VALUES = field("options");

  private static @Nullable Field field(String name) {
    try {
      Field f =
          Class.forName("org.apache.beam.sdk.options.ProxyInvocationHandler")
              .getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** What the options' JSON was written from: equal states write the same JSON. */
  private record State(int revision, @Nullable Object computed, int values) {}

  private record Cached(State state, String json) {}

  /** Weak keys: a proxy's entry goes with it (proxies compare by identity). */
  private static final Map<PipelineOptions, Cached> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** The cached JSON of {@code options} in their current state, written by Beam if not cached. */
  static String json(PipelineOptions options) throws IOException {
    State state = state(options);
    if (state != null) {
      Cached cached = CACHE.get(options);
      if (cached != null && cached.state().equals(state)) {
        return cached.json();
      }
    }
    String json = Plain.MAPPER.writeValueAsString(options);
    if (state != null && state.equals(state(options))) {
      CACHE.put(options, new Cached(state, json));
    }
    return json;
  }

  private static @Nullable State state(PipelineOptions options) {
    if (COMPUTED == null || VALUES == null || !Proxy.isProxyClass(options.getClass())) {
      return null;
    }
    try {
      InvocationHandler handler = Proxy.getInvocationHandler(options);
      return new State(
          options.revision(), COMPUTED.get(handler), ((Map<?, ?>) VALUES.get(handler)).size());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The mix-in's serializer: the cached JSON, written as it is to text, or as tokens to a token
   * buffer ({@code valueToTree}, {@code convertValue}: Beam's options-to-proto translation reads
   * the tree).
   */
  static final class CachingSerializer extends JsonSerializer<PipelineOptions> {
    @Override
    public void serialize(PipelineOptions value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      String json = json(value);
      if (gen instanceof TokenBuffer) {
        try (JsonParser parser = Plain.MAPPER.getFactory().createParser(json)) {
          parser.nextToken();
          gen.copyCurrentStructure(parser);
        }
      } else {
        gen.writeRawValue(json);
      }
    }
  }
}
