package io.stateside.proxy.crdt;

import akka.cluster.ddata.Flag;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.FlagDelta;
import java.util.Optional;

/** Flag: can be switched on, never off. */
final class FlagWire implements CrdtWire<Flag> {

  @Override
  public Class<?> dataClass() {
    return Flag.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.FLAG;
  }

  @Override
  public Flag create(CrdtDelta delta) {
    return apply(Flag.create(), delta);
  }

  @Override
  public Flag apply(Flag current, CrdtDelta delta) {
    if (delta.getFlag().getValue()) {
      return current.switchOn();
    }
    if (current.enabled()) {
      throw new CrdtDeltaMismatch("A Flag that is on cannot be switched off");
    }
    return current;
  }

  @Override
  public CrdtDelta state(Flag data) {
    return CrdtDelta.newBuilder().setFlag(FlagDelta.newBuilder().setValue(data.enabled())).build();
  }

  @Override
  public Optional<CrdtDelta> between(Flag seen, Flag latest) {
    return seen.enabled() == latest.enabled() ? Optional.empty() : Optional.of(state(latest));
  }

  @Override
  public boolean followsFrom(Flag seen, Flag latest) {
    return latest.enabled() || !seen.enabled();
  }
}
