package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.valueentity.ValueEntityAction;
import io.stateside.protocol.valueentity.ValueEntityDelete;
import io.stateside.protocol.valueentity.ValueEntityUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a value entity's reply carries besides its answer: a state action and side effects.
 *
 * @param stateAction the update or delete, if the command changed the state
 * @param sideEffects the side effects, in order
 */
public record ValueEntityEffects(Optional<ValueEntityAction> stateAction, List<SideEffect> sideEffects) {

  public static final ValueEntityEffects NONE = new ValueEntityEffects(Optional.empty(), List.of());

  public ValueEntityEffects {
    sideEffects = List.copyOf(sideEffects);
  }

  public static ValueEntityEffects update(Any state) {
    return NONE.withUpdate(state);
  }

  public static ValueEntityEffects delete() {
    return NONE.withDelete();
  }

  public ValueEntityEffects withUpdate(Any state) {
    return new ValueEntityEffects(Optional.of(ValueEntityAction.newBuilder()
        .setUpdate(ValueEntityUpdate.newBuilder().setValue(state)).build()), sideEffects);
  }

  public ValueEntityEffects withDelete() {
    return new ValueEntityEffects(Optional.of(ValueEntityAction.newBuilder()
        .setDelete(ValueEntityDelete.getDefaultInstance()).build()), sideEffects);
  }

  public ValueEntityEffects withSideEffects(List<SideEffect> more) {
    List<SideEffect> all = new ArrayList<>(sideEffects);
    all.addAll(more);
    return new ValueEntityEffects(stateAction, all);
  }

  /** Both effects together: side effects appended, the other's state action if it has one. */
  public ValueEntityEffects and(ValueEntityEffects other) {
    ValueEntityEffects merged = withSideEffects(other.sideEffects);
    return other.stateAction.isPresent() ? new ValueEntityEffects(other.stateAction, merged.sideEffects) : merged;
  }
}
