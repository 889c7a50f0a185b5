package io.stateside.javasupport;

/**
 * Folds one event into the entity's state.
 *
 * <p>Event handlers run both for new events and for events replayed from the journal when the
 * entity is recovered, so they must be pure: return a new state, never mutate the old one, and do
 * no I/O.
 *
 * @param <S> the entity's state type
 * @param <E> the event type: a protobuf message, or the Java type of a {@link JsonType}
 */
@FunctionalInterface
public interface EventHandler<S, E> {

  /**
   * Applies an event.
   *
   * @param state the state before the event
   * @param event the event
   * @return the state after the event; never null
   */
  S apply(S state, E event);
}
