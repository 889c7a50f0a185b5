package io.stateside.proxy.crdt;

import akka.cluster.ddata.ReplicatedData;
import io.stateside.protocol.crdt.CrdtDelta;
import java.util.Optional;

/**
 * One CRDT type's half of {@link CrdtDeltas}: the delta case it accepts and how its deltas map
 * onto the Akka type. {@link CrdtDeltas} checks the delta case and the data's type before it
 * calls in, so a wire only sees its own kind.
 */
interface CrdtWire<D extends ReplicatedData> {

  /** The Akka class this wire handles (all of them are final). */
  Class<?> dataClass();

  /** The delta case of {@link CrdtDelta} that belongs to this type. */
  CrdtDelta.DeltaCase deltaCase();

  D create(CrdtDelta delta);

  D apply(D current, CrdtDelta delta);

  CrdtDelta state(D data);

  /** Empty when the user function would see no difference. */
  Optional<CrdtDelta> between(D seen, D latest);

  /**
   * False when {@code latest} is not a later version of {@code seen}, so no delta of this type
   * leads from one to the other (a grow-only value that shrank: an ORMap entry removed and
   * added again elsewhere).
   */
  default boolean followsFrom(D seen, D latest) {
    return true;
  }
}
