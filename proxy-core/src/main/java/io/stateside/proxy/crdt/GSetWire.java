package io.stateside.proxy.crdt;

import akka.cluster.ddata.GSet;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GSetDelta;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** GSet: elements are only ever added. */
final class GSetWire implements CrdtWire<GSet<Any>> {

  @Override
  public Class<?> dataClass() {
    return GSet.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.GSET;
  }

  @Override
  public GSet<Any> create(CrdtDelta delta) {
    return apply(GSet.create(), delta);
  }

  @Override
  public GSet<Any> apply(GSet<Any> current, CrdtDelta delta) {
    GSet<Any> result = current;
    for (Any element : delta.getGset().getAddedList()) {
      result = result.add(element);
    }
    return result;
  }

  @Override
  public CrdtDelta state(GSet<Any> data) {
    return added(data.getElements());
  }

  @Override
  public Optional<CrdtDelta> between(GSet<Any> seen, GSet<Any> latest) {
    Set<Any> added = new HashSet<>(latest.getElements());
    added.removeAll(seen.getElements());
    return added.isEmpty() ? Optional.empty() : Optional.of(added(added));
  }

  @Override
  public boolean followsFrom(GSet<Any> seen, GSet<Any> latest) {
    return latest.getElements().containsAll(seen.getElements());
  }

  private static CrdtDelta added(Set<Any> elements) {
    return CrdtDelta.newBuilder().setGset(GSetDelta.newBuilder().addAllAdded(elements)).build();
  }
}
