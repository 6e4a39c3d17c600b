/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except
 * in compliance with the License. You may obtain a copy of the License at
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Replaces the class of the same name in flink-optimizer 1.19.0 (Apache-2.0); see
 * UnionParallelismAndForwardEnforcer in this package for why.
 */
package org.apache.flink.optimizer.traversals;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.flink.api.common.InvalidProgramException;
import org.apache.flink.optimizer.plan.Channel;
import org.apache.flink.optimizer.plan.OptimizedPlan;
import org.apache.flink.optimizer.plan.PlanNode;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.util.Visitor;

/**
 * Flink's version rewrites range-partitioned channels (DataSet#partitionByRange) into a sampling
 * sub-plan, visiting every path of the plan to find them; Beam's Flink translation never
 * range-partitions (it hash-partitions by key), so this one visits each node once and fails loudly
 * if a range-partitioned channel ever appears, rather than translate it wrongly.
 */
public class RangePartitionRewriter implements Visitor<PlanNode> {
  private final Set<PlanNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  public RangePartitionRewriter(OptimizedPlan plan) {}

  @Override
  public boolean preVisit(PlanNode node) {
    return visited.add(node);
  }

  @Override
  public void postVisit(PlanNode node) {
    for (Channel channel : node.getInputs()) {
      if (channel.getShipStrategy() == ShipStrategyType.PARTITION_RANGE) {
        throw new InvalidProgramException(
            "Range partitioning reached "
                + node.getNodeName()
                + ": this build's Flink optimizer (see org.apache.flink.optimizer.traversals.RangePartitionRewriter"
                + " in the pipelines module) does not rewrite it; Beam's translation is not expected to produce it");
      }
    }
  }
}
