package io.stateside.javasupport;

import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.FlagDelta;

/** A boolean that starts false and, once enabled on any node, stays true. */
public final class Flag extends Crdt {

  private boolean enabled;
  private boolean enabledNow;

  /** A new, disabled flag. */
  public Flag() {}

  /** @return whether the flag is set */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets the flag; nothing changes if it is already set. */
  public void enable() {
    if (!enabled) {
      enabled = true;
      enabledNow = true;
    }
  }

  @Override
  boolean hasDelta() {
    return enabledNow;
  }

  @Override
  CrdtDelta delta() {
    return CrdtDelta.newBuilder().setFlag(FlagDelta.newBuilder().setValue(enabledNow)).build();
  }

  @Override
  void resetDelta() {
    enabledNow = false;
  }

  @Override
  void applyDelta(CrdtDelta delta, CrdtValues values) {
    requireType(delta, CrdtDelta.DeltaCase.FLAG);
    enabled |= delta.getFlag().getValue();
  }

  @Override
  Flag copy() {
    Flag copy = new Flag();
    copy.enabled = enabled;
    copy.enabledNow = enabledNow;
    return copy;
  }

  @Override
  public String toString() {
    return "Flag(" + enabled + ")";
  }
}
