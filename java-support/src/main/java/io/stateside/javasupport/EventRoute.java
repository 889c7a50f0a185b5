package io.stateside.javasupport;

import com.google.protobuf.Message;

/** One event type of an entity and the handler that folds it into the state. */
final class EventRoute<S, E extends Message> {

  private final MessageType<E> eventType;
  private final EventHandler<S, E> handler;

  EventRoute(MessageType<E> eventType, EventHandler<S, E> handler) {
    this.eventType = eventType;
    this.handler = handler;
  }

  MessageType<E> eventType() {
    return eventType;
  }

  S apply(S state, Message event) {
    S next = handler.apply(state, eventType.cast(event));
    if (next == null) {
      throw new IllegalStateException("The handler of " + eventType.fullName() + " returned null");
    }
    return next;
  }
}
