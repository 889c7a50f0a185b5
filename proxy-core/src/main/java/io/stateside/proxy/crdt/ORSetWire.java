package io.stateside.proxy.crdt;

import akka.cluster.ddata.ORSet;
import akka.cluster.ddata.SelfUniqueAddress;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** ORSet: a delta clears, then removes, then adds, in that order. */
final class ORSetWire implements CrdtWire<ORSet<Any>> {

  private final SelfUniqueAddress node;

  ORSetWire(SelfUniqueAddress node) {
    this.node = node;
  }

  @Override
  public Class<?> dataClass() {
    return ORSet.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.ORSET;
  }

  @Override
  public ORSet<Any> create(CrdtDelta delta) {
    return apply(ORSet.create(), delta);
  }

  @Override
  public ORSet<Any> apply(ORSet<Any> current, CrdtDelta delta) {
    ORSetDelta change = delta.getOrset();
    ORSet<Any> result = change.getCleared() ? current.clear(node) : current;
    for (Any element : change.getRemovedList()) {
      result = result.remove(node, element);
    }
    for (Any element : change.getAddedList()) {
      result = result.add(node, element);
    }
    return result;
  }

  @Override
  public CrdtDelta state(ORSet<Any> data) {
    return CrdtDelta.newBuilder().setOrset(ORSetDelta.newBuilder().addAllAdded(data.getElements())).build();
  }

  @Override
  public Optional<CrdtDelta> between(ORSet<Any> seen, ORSet<Any> latest) {
    Set<Any> removed = new HashSet<>(seen.getElements());
    removed.removeAll(latest.getElements());
    Set<Any> added = new HashSet<>(latest.getElements());
    added.removeAll(seen.getElements());
    if (removed.isEmpty() && added.isEmpty()) {
      return Optional.empty();
    }
    // Naming more removed elements than the set now holds costs more than sending it whole.
    ORSetDelta change = removed.size() > latest.size()
        ? ORSetDelta.newBuilder().setCleared(true).addAllAdded(latest.getElements()).build()
        : ORSetDelta.newBuilder().addAllRemoved(removed).addAllAdded(added).build();
    return Optional.of(CrdtDelta.newBuilder().setOrset(change).build());
  }
}
