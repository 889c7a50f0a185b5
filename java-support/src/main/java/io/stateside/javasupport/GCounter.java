package io.stateside.javasupport;

import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GCounterDelta;

/** A counter that only grows: the sum of every node's increments. Starts at 0. */
public final class GCounter extends Crdt {

  private long value;
  private long increment;

  /** A new counter at 0. */
  public GCounter() {}

  /** @return the current value (an unsigned 64-bit count, as the protocol has it) */
  public long value() {
    return value;
  }

  /**
   * Adds to the counter.
   *
   * @param by how much; 0 changes nothing
   * @return the new value
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public long increment(long by) {
    if (by < 0) {
      throw new IllegalArgumentException("A GCounter cannot be decremented (increment by " + by + "); use a PNCounter");
    }
    value += by;
    increment += by;
    return value;
  }

  @Override
  boolean hasDelta() {
    return increment != 0;
  }

  @Override
  CrdtDelta delta() {
    return CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment)).build();
  }

  @Override
  void resetDelta() {
    increment = 0;
  }

  @Override
  void applyDelta(CrdtDelta delta, CrdtValues values) {
    requireType(delta, CrdtDelta.DeltaCase.GCOUNTER);
    value += delta.getGcounter().getIncrement();
  }

  @Override
  GCounter copy() {
    GCounter copy = new GCounter();
    copy.value = value;
    copy.increment = increment;
    return copy;
  }

  @Override
  public String toString() {
    return "GCounter(" + Long.toUnsignedString(value) + ")";
  }
}
