package io.stateside.proxy.crdt;

import akka.cluster.ddata.PNCounter;
import akka.cluster.ddata.SelfUniqueAddress;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.PNCounterDelta;
import java.math.BigInteger;
import java.util.Optional;

/** PNCounter: signed changes both ways. */
final class PNCounterWire implements CrdtWire<PNCounter> {

  private final SelfUniqueAddress node;

  PNCounterWire(SelfUniqueAddress node) {
    this.node = node;
  }

  @Override
  public Class<?> dataClass() {
    return PNCounter.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.PNCOUNTER;
  }

  @Override
  public PNCounter create(CrdtDelta delta) {
    return apply(PNCounter.create(), delta);
  }

  @Override
  public PNCounter apply(PNCounter current, CrdtDelta delta) {
    // BigInteger, so that Long.MIN_VALUE needs no special case.
    return current.increment(node, BigInteger.valueOf(delta.getPncounter().getChange()));
  }

  @Override
  public CrdtDelta state(PNCounter data) {
    return change(data.getValue().longValue());
  }

  @Override
  public Optional<CrdtDelta> between(PNCounter seen, PNCounter latest) {
    long difference = latest.getValue().subtract(seen.getValue()).longValue();
    return difference == 0 ? Optional.empty() : Optional.of(change(difference));
  }

  private static CrdtDelta change(long change) {
    return CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(change)).build();
  }
}
