package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import java.util.Objects;

/**
 * A single value; when two nodes set it at the same time, the later write wins, "later" as the
 * chosen {@link Clock} says. The value is a protobuf message or one of the Java types listed in
 * {@link CrdtEntity.Builder#valueType}.
 *
 * @param <T> the value type
 */
public final class LWWRegister<T> extends Crdt {

  /** Which write wins when two nodes set the register concurrently. */
  public enum Clock {
    /** The proxy's wall clock: the latest write wins. */
    DEFAULT(CrdtClock.DEFAULT),
    /** The proxy's wall clock, reversed: the earliest write wins. */
    REVERSE(CrdtClock.REVERSE),
    /** The custom clock value given with the write: the highest wins. */
    CUSTOM(CrdtClock.CUSTOM),
    /** The custom clock value, but at least one more than the current one. */
    CUSTOM_AUTO_INCREMENT(CrdtClock.CUSTOM_AUTO_INCREMENT);

    private final CrdtClock protocol;

    Clock(CrdtClock protocol) {
      this.protocol = protocol;
    }
  }

  private T value;
  private boolean changed;
  private Clock clock = Clock.DEFAULT;
  private long customClockValue;

  /**
   * A new register holding {@code initial}; creating it counts as setting it.
   *
   * @param initial the first value; never null
   */
  public LWWRegister(T initial) {
    set(initial);
  }

  private LWWRegister() {}

  /** A register whose value comes from the proxy's delta. */
  static <T> LWWRegister<T> empty() {
    return new LWWRegister<>();
  }

  /** @return the current value */
  public T get() {
    return value;
  }

  /**
   * Sets the value with the default clock.
   *
   * @param newValue the value; never null
   * @return the previous value
   */
  public T set(T newValue) {
    return set(newValue, Clock.DEFAULT, 0);
  }

  /**
   * Sets the value with a chosen clock. Setting the value it has, with the same clock, changes nothing.
   *
   * @param newValue the value; never null
   * @param clock which write wins among concurrent ones
   * @param customClockValue the clock value for {@link Clock#CUSTOM} and {@link Clock#CUSTOM_AUTO_INCREMENT}
   * @return the previous value
   */
  public T set(T newValue, Clock clock, long customClockValue) {
    CrdtValues.encode(Objects.requireNonNull(newValue, "value"));
    Objects.requireNonNull(clock, "clock");
    T previous = value;
    if (!newValue.equals(value) || clock != this.clock || customClockValue != this.customClockValue) {
      value = newValue;
      this.clock = clock;
      this.customClockValue = customClockValue;
      changed = true;
    }
    return previous;
  }

  @Override
  boolean hasDelta() {
    return changed;
  }

  @Override
  CrdtDelta delta() {
    LWWRegisterDelta.Builder delta = LWWRegisterDelta.newBuilder()
        .setClock(clock.protocol)
        .setCustomClockValue(customClockValue);
    if (changed) {
      delta.setValue(CrdtValues.encode(value));
    }
    return CrdtDelta.newBuilder().setLwwregister(delta).build();
  }

  @Override
  void resetDelta() {
    changed = false;
    // The clock belongs to one write; the next one starts from the default again.
    clock = Clock.DEFAULT;
    customClockValue = 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  void applyDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException {
    requireType(delta, CrdtDelta.DeltaCase.LWWREGISTER);
    if (delta.getLwwregister().hasValue()) {
      value = (T) values.decode(delta.getLwwregister().getValue());
    }
  }

  @Override
  LWWRegister<T> copy() {
    LWWRegister<T> copy = new LWWRegister<>();
    copy.value = value;
    copy.changed = changed;
    copy.clock = clock;
    copy.customClockValue = customClockValue;
    return copy;
  }

  @Override
  public String toString() {
    return "LWWRegister(" + value + ")";
  }
}
