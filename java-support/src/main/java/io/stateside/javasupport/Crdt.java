package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.crdt.CrdtDelta;

/**
 * The value of a CRDT entity as the user function holds it. The proxy owns the replicated data
 * type; this is a local copy that the proxy keeps current with deltas, and that records the delta
 * of every change a command makes so the library can send only that back.
 *
 * <p>The eight types are those of the Cloudstate protocol: {@link GCounter}, {@link PNCounter},
 * {@link GSet}, {@link ORSet}, {@link LWWRegister}, {@link Flag}, {@link ORMap} and {@link Vote}.
 * Create one with its constructor, inside a command (see {@link CrdtContext#getOrCreate}) or as
 * the value of an {@link ORMap} entry. Not thread-safe: use it only from the handler it was given to.
 */
public abstract sealed class Crdt permits GCounter, PNCounter, GSet, ORSet, LWWRegister, Flag, ORMap, Vote {

  Crdt() {}

  /** Whether a change was made since the last reply. */
  abstract boolean hasDelta();

  /** The change made since the last reply; for a new CRDT, all of it. */
  abstract CrdtDelta delta();

  /** Forgets the recorded change, once it is in a reply. */
  abstract void resetDelta();

  /** Applies a change the proxy sent (made on this or another node). */
  abstract void applyDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException;

  /** An independent copy with the same value and recorded change, to roll back a failed command. */
  abstract Crdt copy();

  /** The name of the type, for messages. */
  String typeName() {
    return getClass().getSimpleName();
  }

  /** A new CRDT holding the value of a delta the proxy sent, with no change recorded. */
  static Crdt fromDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException {
    Crdt crdt = switch (delta.getDeltaCase()) {
      case GCOUNTER -> new GCounter();
      case PNCOUNTER -> new PNCounter();
      case GSET -> new GSet<>();
      case ORSET -> new ORSet<>();
      case LWWREGISTER -> LWWRegister.empty();
      case FLAG -> new Flag();
      case ORMAP -> new ORMap<>();
      case VOTE -> new Vote();
      case DELTA_NOT_SET -> throw new IllegalArgumentException("Received a delta of no CRDT type");
    };
    crdt.applyDelta(delta, values);
    crdt.resetDelta();
    return crdt;
  }

  /** @throws IllegalStateException if the proxy sent a delta of another type */
  final void requireType(CrdtDelta delta, CrdtDelta.DeltaCase expected) {
    if (delta.getDeltaCase() != expected) {
      throw new IllegalStateException("Received a " + delta.getDeltaCase() + " delta for a " + typeName());
    }
  }
}
