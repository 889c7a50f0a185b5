package io.stateside.proxy.crdt;

import akka.actor.Address;
import akka.cluster.UniqueAddress;
import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.SelfUniqueAddress;
import com.google.protobuf.Any;
import com.google.protobuf.StringValue;

/** Two cluster nodes, A and B, each converting deltas as its own user function sends them. */
final class TwoNodes {

  static final String SYSTEM = "stateside";
  static final SelfUniqueAddress A = node(2551, 11);
  static final SelfUniqueAddress B = node(2552, 22);

  final CrdtDeltas onA = new CrdtDeltas(A);
  final CrdtDeltas onB = new CrdtDeltas(B);

  static SelfUniqueAddress node(int port, long uid) {
    return new SelfUniqueAddress(new UniqueAddress(new Address("akka", SYSTEM, "127.0.0.1", port), uid));
  }

  /** What Distributed Data does when one replica receives the other. */
  static ReplicatedData merged(ReplicatedData into, ReplicatedData received) {
    return into.merge(received);
  }

  static Any text(String text) {
    return Any.pack(StringValue.of(text));
  }
}
