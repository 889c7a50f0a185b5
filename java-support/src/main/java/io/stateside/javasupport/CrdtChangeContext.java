package io.stateside.javasupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the change callback of a streamed command sees (see {@link CrdtStreamedContext#onChange}):
 * the CRDT after the change, to read, and the means to end the stream or add side effects to the
 * message it sends.
 */
public final class CrdtChangeContext {

  private final LiveCrdtEntity entity;
  private final long commandId;
  private final List<SideEffect> sideEffects = new ArrayList<>();
  private boolean ended;

  CrdtChangeContext(LiveCrdtEntity entity, long commandId) {
    this.entity = entity;
    this.commandId = commandId;
  }

  /** @return the id of the entity */
  public String entityId() {
    return entity.entityId();
  }

  /** @return the id of the command that opened the stream */
  public long commandId() {
    return commandId;
  }

  /**
   * The entity's CRDT after the change, to read (changes made here are not sent).
   *
   * @param type the CRDT type the entity uses
   * @param <T> that type
   * @return the CRDT
   * @throws IllegalStateException if the entity's CRDT is of another type
   */
  public <T extends Crdt> T state(Class<T> type) {
    return entity.state(type).orElseThrow(() -> new IllegalStateException("Entity has no CRDT"));
  }

  /** Ends the stream after this message (or without one): the client's call completes. */
  public void endStream() {
    ended = true;
  }

  /**
   * Adds calls for the proxy to make with this message.
   *
   * @param effects the side effects, run in the given order
   */
  public void addSideEffects(SideEffect... effects) {
    for (SideEffect effect : effects) {
      sideEffects.add(Objects.requireNonNull(effect, "side effect"));
    }
  }

  boolean ended() {
    return ended;
  }

  List<SideEffect> sideEffects() {
    return List.copyOf(sideEffects);
  }
}
