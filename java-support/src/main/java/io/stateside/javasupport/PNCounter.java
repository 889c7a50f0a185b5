package io.stateside.javasupport;

import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.PNCounterDelta;

/** A counter that goes up and down: the sum of every node's changes. Starts at 0. */
public final class PNCounter extends Crdt {

  private long value;
  private long change;

  /** A new counter at 0. */
  public PNCounter() {}

  /** @return the current value */
  public long value() {
    return value;
  }

  /**
   * Adds to the counter.
   *
   * @param by how much; negative to subtract
   * @return the new value
   */
  public long increment(long by) {
    value += by;
    change += by;
    return value;
  }

  /**
   * Subtracts from the counter.
   *
   * @param by how much; negative to add
   * @return the new value
   */
  public long decrement(long by) {
    return increment(-by);
  }

  @Override
  boolean hasDelta() {
    return change != 0;
  }

  @Override
  CrdtDelta delta() {
    return CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(change)).build();
  }

  @Override
  void resetDelta() {
    change = 0;
  }

  @Override
  void applyDelta(CrdtDelta delta, CrdtValues values) {
    requireType(delta, CrdtDelta.DeltaCase.PNCOUNTER);
    value += delta.getPncounter().getChange();
  }

  @Override
  PNCounter copy() {
    PNCounter copy = new PNCounter();
    copy.value = value;
    copy.change = change;
    return copy;
  }

  @Override
  public String toString() {
    return "PNCounter(" + value + ")";
  }
}
