package io.intelligencesuite.marts;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.values.PValue;

/**
 * The shape of a Beam job graph as a batch optimizer sees it: its primitive steps, and the number
 * of distinct paths from a source (a step without inputs) to a sink (a step whose outputs nobody
 * reads). Side inputs count as inputs, as Flink's broadcast sets do. Flink 1.19's batch optimizer
 * has traversals that visit a node once per path reaching it, so the path count, not the step
 * count, bounds how long the embedded Flink runner takes to translate a job.
 */
record GraphPaths(int steps, BigInteger paths) {
  static GraphPaths of(Pipeline pipeline) {
    Map<PValue, BigInteger> pathsTo = new HashMap<>();
    Set<PValue> read = new HashSet<>();
    // Each step's outputs (or the step itself when it has none) -> paths reaching it.
    Map<Object, BigInteger> produced = new HashMap<>();
    int[] steps = {0};
    // Topological order: every input's producer is visited before its consumer.
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            steps[0]++;
            BigInteger in = BigInteger.ZERO;
            for (PValue input : node.getInputs().values()) {
              read.add(input);
              in = in.add(pathsTo.getOrDefault(input, BigInteger.ONE));
            }
            BigInteger here = node.getInputs().isEmpty() ? BigInteger.ONE : in;
            for (PValue output : node.getOutputs().values()) {
              pathsTo.put(output, here);
              produced.put(output, here);
            }
            if (node.getOutputs().isEmpty()) {
              produced.put(node, here);
            }
          }
        });
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<Object, BigInteger> e : produced.entrySet()) {
      if (!read.contains(e.getKey())) {
        total = total.add(e.getValue());
      }
    }
    return new GraphPaths(steps[0], total);
  }

  /** log2 of the path count, rounded down (the "2^n" the docs quote). */
  int log2Paths() {
    return paths.bitLength() - 1;
  }

  @Override
  public String toString() {
    return steps + " primitive steps, " + paths + " (2^" + log2Paths() + ") source-to-sink paths";
  }
}
