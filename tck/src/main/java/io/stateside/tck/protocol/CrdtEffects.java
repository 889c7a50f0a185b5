package io.stateside.tck.protocol;

import io.stateside.protocol.SideEffect;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a CRDT answer carries besides its client action.
 *
 * @param stateAction the delta or delete, if the command changed the CRDT
 * @param sideEffects the side effects, in order
 */
public record CrdtEffects(Optional<CrdtStateAction> stateAction, List<SideEffect> sideEffects) {

  public static final CrdtEffects NONE = new CrdtEffects(Optional.empty(), List.of());

  public CrdtEffects {
    sideEffects = List.copyOf(sideEffects);
  }

  public static CrdtEffects update(CrdtDelta delta) {
    return update(delta, CrdtWriteConsistency.LOCAL);
  }

  public static CrdtEffects update(CrdtDelta delta, CrdtWriteConsistency consistency) {
    return new CrdtEffects(Optional.of(CrdtStateAction.newBuilder().setUpdate(delta).setWriteConsistency(consistency)
        .build()), List.of());
  }

  public static CrdtEffects delete() {
    return new CrdtEffects(Optional.of(CrdtStateAction.newBuilder().setDelete(CrdtDelete.getDefaultInstance())
        .build()), List.of());
  }

  public static CrdtEffects sideEffects(List<SideEffect> sideEffects) {
    return new CrdtEffects(Optional.empty(), sideEffects);
  }

  /** Both effects together: side effects appended, this one's state action unless it has none. */
  public CrdtEffects and(CrdtEffects other) {
    List<SideEffect> all = new ArrayList<>(sideEffects);
    all.addAll(other.sideEffects);
    return new CrdtEffects(stateAction.isPresent() ? stateAction : other.stateAction, all);
  }
}
