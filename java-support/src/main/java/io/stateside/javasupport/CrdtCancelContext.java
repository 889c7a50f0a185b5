package io.stateside.javasupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the cancel callback of a streamed command sees (see {@link CrdtStreamedContext#onCancel}):
 * the entity's CRDT, which it may change or delete, and the facts of the command that opened the
 * stream. Side effects added here run once the change is written.
 */
public final class CrdtCancelContext extends CrdtContext {

  private final List<SideEffect> sideEffects = new ArrayList<>();

  CrdtCancelContext(LiveCrdtEntity entity, CommandContext command) {
    super(entity, command);
  }

  /**
   * Adds calls for the proxy to make.
   *
   * @param effects the side effects, run in the given order
   */
  public void addSideEffects(SideEffect... effects) {
    for (SideEffect effect : effects) {
      sideEffects.add(Objects.requireNonNull(effect, "side effect"));
    }
  }

  List<SideEffect> sideEffects() {
    return List.copyOf(sideEffects);
  }
}
