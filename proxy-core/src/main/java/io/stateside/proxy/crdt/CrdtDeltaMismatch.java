package io.stateside.proxy.crdt;

/** The user function sent a delta that does not fit the entity's CRDT (wrong type, empty). */
public final class CrdtDeltaMismatch extends IllegalArgumentException {

  public CrdtDeltaMismatch(String message) {
    super(message);
  }
}
