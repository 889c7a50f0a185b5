package io.stateside.proxy.crdt;

import akka.cluster.ddata.LWWRegister;
import akka.cluster.ddata.SelfUniqueAddress;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import java.util.Optional;

/**
 * LWWRegister: the user function sets a value with one of four clocks; it is told only of the
 * value (with the default clock), since the timestamps stay in the proxy.
 */
final class LWWRegisterWire implements CrdtWire<LWWRegister<Any>> {

  private final SelfUniqueAddress node;

  LWWRegisterWire(SelfUniqueAddress node) {
    this.node = node;
  }

  @Override
  public Class<?> dataClass() {
    return LWWRegister.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.LWWREGISTER;
  }

  @Override
  public LWWRegister<Any> create(CrdtDelta delta) {
    LWWRegisterDelta change = delta.getLwwregister();
    return LWWRegister.create(node, change.getValue(), clock(change));
  }

  @Override
  public LWWRegister<Any> apply(LWWRegister<Any> current, CrdtDelta delta) {
    LWWRegisterDelta change = delta.getLwwregister();
    return current.withValue(node, change.getValue(), clock(change));
  }

  @Override
  public CrdtDelta state(LWWRegister<Any> data) {
    return CrdtDelta.newBuilder().setLwwregister(LWWRegisterDelta.newBuilder().setValue(data.getValue())).build();
  }

  @Override
  public Optional<CrdtDelta> between(LWWRegister<Any> seen, LWWRegister<Any> latest) {
    return seen.getValue().equals(latest.getValue()) ? Optional.empty() : Optional.of(state(latest));
  }

  private static LWWRegister.Clock<Any> clock(LWWRegisterDelta change) {
    long custom = change.getCustomClockValue();
    switch (change.getClock()) {
      case REVERSE:
        return LWWRegister.reverseClock();
      case CUSTOM:
        return (currentTimestamp, value) -> custom;
      case CUSTOM_AUTO_INCREMENT:
        return (currentTimestamp, value) -> custom > currentTimestamp ? custom : currentTimestamp + 1;
      default:
        // DEFAULT, and clocks of a newer protocol this proxy does not know.
        return LWWRegister.defaultClock();
    }
  }
}
