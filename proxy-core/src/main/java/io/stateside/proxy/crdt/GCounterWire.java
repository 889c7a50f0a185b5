package io.stateside.proxy.crdt;

import akka.cluster.ddata.GCounter;
import akka.cluster.ddata.SelfUniqueAddress;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GCounterDelta;
import java.util.Optional;

/** GCounter: the user function sends increments (uint64), and learns of increments. */
final class GCounterWire implements CrdtWire<GCounter> {

  private final SelfUniqueAddress node;

  GCounterWire(SelfUniqueAddress node) {
    this.node = node;
  }

  @Override
  public Class<?> dataClass() {
    return GCounter.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.GCOUNTER;
  }

  @Override
  public GCounter create(CrdtDelta delta) {
    return apply(GCounter.create(), delta);
  }

  @Override
  public GCounter apply(GCounter current, CrdtDelta delta) {
    long increment = delta.getGcounter().getIncrement();
    // The increment is unsigned and Akka takes only non-negative longs: add it in two halves
    // (each below 2^63) and the odd one.
    long half = increment >>> 1;
    return current.increment(node, half).increment(node, half).increment(node, increment & 1);
  }

  @Override
  public CrdtDelta state(GCounter data) {
    return increment(data.getValue().longValue());
  }

  @Override
  public Optional<CrdtDelta> between(GCounter seen, GCounter latest) {
    // longValue() keeps the low 64 bits: the difference as a uint64.
    long difference = latest.getValue().subtract(seen.getValue()).longValue();
    return difference == 0 ? Optional.empty() : Optional.of(increment(difference));
  }

  @Override
  public boolean followsFrom(GCounter seen, GCounter latest) {
    return latest.getValue().compareTo(seen.getValue()) >= 0;
  }

  private static CrdtDelta increment(long increment) {
    return CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment)).build();
  }
}
