package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.junit.Test;

/**
 * No element of the marts job travels with Java serialization ({@link SerializableCoder}): on the
 * embedded Flink runner every element crossing to another task or a shuffle is encoded, and Java
 * serialization writes each record's class description with it (about a tenth of the marts' CPU
 * before the records got {@link RecordCoder}). A new record type gets {@code RecordCoder.of} or a
 * coder of its own.
 */
public class MartsCodersTest {
  @Test
  public void noCollectionOfTheMartsJobUsesJavaSerialization() {
    Pipeline p = MartsGraphShapeTest.emptyMartsJob();
    List<String> serialized = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitValue(PValue value, TransformHierarchy.Node producer) {
            if (value instanceof PCollection<?> pc && javaSerialized(pc.getCoder())) {
              serialized.add(producer.getFullName() + ": " + pc.getCoder());
            }
          }
        });
    assertEquals(List.of(), serialized);
  }

  private static boolean javaSerialized(Coder<?> coder) {
    if (coder instanceof SerializableCoder<?>) {
      return true;
    }
    List<? extends Coder<?>> parts = coder.getCoderArguments();
    return parts != null && parts.stream().anyMatch(c -> c != null && javaSerialized(c));
  }
}
