/*
 * Licensed to the Apache Software Foundation (ASF) under the Apache License, Version 2.0 (the
 * "License"); you may not use this file except in compliance with the License. You may obtain a
 * copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 *
 * Replaces the class of the same name in flink-optimizer 1.19.0 (Apache-2.0), which the embedded
 * Flink runner uses to translate every batch job. Same effect, visited once per node.
 */
package org.apache.flink.optimizer.traversals;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.flink.optimizer.dag.BinaryUnionNode;
import org.apache.flink.optimizer.dag.DagConnection;
import org.apache.flink.optimizer.dag.IterationNode;
import org.apache.flink.optimizer.dag.OptimizerNode;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.util.Visitor;

/**
 * Gives every union node its successor's parallelism and a forward connection to it.
 *
 * <p>Why this copy exists: Flink's own version returns {@code true} from every {@code preVisit}
 * ("traverse the whole plan"), so it walks each path of the job graph rather than each node. A
 * graph with n diamonds in series (a side input used by a step whose output meets the same input
 * again, a flatten of branches of one collection) has 2^n paths: the marts pipeline of the demo
 * company spent over ten minutes in this one traversal before running for seconds. Visiting each
 * node once is equivalent: a union has exactly one successor, which a top-down walk visits first,
 * so its parallelism is final when the union is reached. Shading puts this project's classes before
 * the dependencies', so this class wins in the suite jar ({@code FlinkPlanTranslationTest} proves
 * it on a graph of 2^32 paths).
 */
public class UnionParallelismAndForwardEnforcer implements Visitor<OptimizerNode> {
  private final Set<OptimizerNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public boolean preVisit(OptimizerNode node) {
    if (!visited.add(node)) {
      return false;
    }
    if (node instanceof BinaryUnionNode) {
      int parallelism = -1;
      for (DagConnection connection : node.getOutgoingConnections()) {
        parallelism = connection.getTarget().getParallelism();
        connection.setShipStrategy(ShipStrategyType.FORWARD);
      }
      node.setParallelism(parallelism);
    }
    return true;
  }

  @Override
  public void postVisit(OptimizerNode node) {
    if (node instanceof IterationNode) {
      ((IterationNode) node).acceptForStepFunction(this);
    }
  }
}
