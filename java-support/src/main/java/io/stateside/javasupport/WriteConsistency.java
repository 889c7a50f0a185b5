package io.stateside.javasupport;

import io.stateside.protocol.crdt.CrdtWriteConsistency;

/**
 * How many replicas of a CRDT must have an update before the proxy answers the client. A write
 * that cannot reach its consistency in time fails the command; the update may still spread later.
 */
public enum WriteConsistency {
  /** This node only: fastest; other nodes learn of the update by gossip. */
  LOCAL(CrdtWriteConsistency.LOCAL),
  /** More than half of the nodes. */
  MAJORITY(CrdtWriteConsistency.MAJORITY),
  /** Every node: fails if any node cannot be reached. */
  ALL(CrdtWriteConsistency.ALL);

  private final CrdtWriteConsistency protocol;

  WriteConsistency(CrdtWriteConsistency protocol) {
    this.protocol = protocol;
  }

  CrdtWriteConsistency toProtocol() {
    return protocol;
  }
}
