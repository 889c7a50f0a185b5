package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import io.stateside.protocol.SideEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a reply carries besides its answer: events, a snapshot, side effects.
 *
 * @param events the emitted events, in order
 * @param snapshot the snapshot, if the reply takes one
 * @param sideEffects the side effects, in order
 */
public record Effects(List<Any> events, Optional<Any> snapshot, List<SideEffect> sideEffects) {

  public static final Effects NONE = new Effects(List.of(), Optional.empty(), List.of());

  public Effects {
    events = List.copyOf(events);
    sideEffects = List.copyOf(sideEffects);
  }

  public static Effects events(List<Any> events) {
    return NONE.withEvents(events);
  }

  public Effects withEvents(List<Any> more) {
    List<Any> all = new ArrayList<>(events);
    all.addAll(more);
    return new Effects(all, snapshot, sideEffects);
  }

  public Effects withSnapshot(Any value) {
    return new Effects(events, Optional.of(value), sideEffects);
  }

  public Effects withSideEffects(List<SideEffect> more) {
    List<SideEffect> all = new ArrayList<>(sideEffects);
    all.addAll(more);
    return new Effects(events, snapshot, all);
  }

  /** Both effects together: events and side effects appended, the other's snapshot if it has one. */
  public Effects and(Effects other) {
    Effects merged = withEvents(other.events).withSideEffects(other.sideEffects);
    return other.snapshot.map(merged::withSnapshot).orElse(merged);
  }
}
