package io.intelligencesuite.local.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.beam.runners.core.construction.SerializablePipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.common.ReflectHelpers;
import org.junit.Test;

/**
 * The options' JSON through the cache is Beam's own JSON for the options' current state: after a
 * setter, after {@code as()}, after a computed default, as text and as a tree.
 */
public class OptionsJsonCacheTest {
  public interface First extends PipelineOptions {
    @Default.String("a")
    String getLetter();

    void setLetter(String value);
  }

  public interface Second extends PipelineOptions {
    @Default.Integer(7)
    int getNumber();

    void setNumber(int value);
  }

  /** Beam's mappers load their modules so; the suite jar's list includes the cache. */
  private static final ObjectMapper WITH_CACHE =
      new ObjectMapper()
          .registerModules(ObjectMapper.findModules(ReflectHelpers.findClassLoader()));

  private static final ObjectMapper BEAM = beamOnly();

  private static ObjectMapper beamOnly() {
    List<Module> modules = ObjectMapper.findModules(ReflectHelpers.findClassLoader());
    modules.removeIf(m -> m instanceof OptionsJsonCache);
    return new ObjectMapper().registerModules(modules);
  }

  @Test
  public void writesBeamsJsonForEachStateOfTheOptions() throws Exception {
    assertTrue(
        "the module is found the way Beam's mappers find modules",
        ObjectMapper.findModules(ReflectHelpers.findClassLoader()).stream()
            .anyMatch(m -> m instanceof OptionsJsonCache));
    First options = PipelineOptionsFactory.fromArgs("--letter=b", "--jobName=j").as(First.class);
    assertEquals(BEAM.writeValueAsString(options), WITH_CACHE.writeValueAsString(options));
    String cached = OptionsJsonCache.json(options);
    assertSame(
        "unchanged options are not serialized again", cached, OptionsJsonCache.json(options));

    options.setLetter("c");
    String afterSet = WITH_CACHE.writeValueAsString(options);
    assertEquals(BEAM.writeValueAsString(options), afterSet);
    assertTrue(afterSet, afterSet.contains("\"letter\":\"c\""));

    Second second = options.as(Second.class);
    assertNotSame(cached, OptionsJsonCache.json(options));
    assertEquals(BEAM.writeValueAsString(second), WITH_CACHE.writeValueAsString(second));
    second.getNumber(); // a computed default, stored without a new revision
    assertEquals(BEAM.writeValueAsString(second), WITH_CACHE.writeValueAsString(second));

    // As a tree (Beam's options-to-proto translation): the same JSON (an int where Beam's tree
    // holds a long of the same value).
    JsonNode tree = WITH_CACHE.valueToTree(options);
    assertEquals(BEAM.writeValueAsString(BEAM.valueToTree(options)), BEAM.writeValueAsString(tree));
    assertEquals("c", tree.path("options").path("letter").asText());
  }

  @Test
  public void optionsSurviveTheRunnersRoundTrip() {
    First options = PipelineOptionsFactory.fromArgs("--letter=d").as(First.class);
    long id = options.getOptionsId();
    new SerializablePipelineOptions(options);
    First copy = new SerializablePipelineOptions(options).get().as(First.class);
    assertEquals("d", copy.getLetter());
    assertEquals(id, copy.getOptionsId());
  }
}
