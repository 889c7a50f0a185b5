package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * One event type of an entity and the handler that folds it into the state. Events are protobuf
 * messages, or JSON values ({@link JsonType}) carried in an {@code Any}.
 */
final class EventRoute<S, E> {

  /** Reads an event as the handler takes it, from what a command emitted or the journal holds. */
  @FunctionalInterface
  private interface Reader<E> {
    E read(Message event) throws InvalidProtocolBufferException;
  }

  private final String key;
  private final Reader<E> reader;
  private final EventHandler<S, E> handler;

  private EventRoute(String key, Reader<E> reader, EventHandler<S, E> handler) {
    this.key = key;
    this.reader = reader;
    this.handler = handler;
  }

  static <S, E extends Message> EventRoute<S, E> protobuf(MessageType<E> type, EventHandler<S, E> handler) {
    return new EventRoute<>(type.fullName(),
        event -> event instanceof Any any ? type.parse(any) : type.cast(event), handler);
  }

  static <S, E> EventRoute<S, E> json(JsonType<E> type, EventHandler<S, E> handler) {
    return new EventRoute<>(type.typeUrl(), event -> type.decode((Any) event), handler);
  }

  /**
   * Which route takes an event: a protobuf message's full name (whatever its type URL's prefix),
   * a JSON value's whole type URL. Full names never hold a slash, so the two cannot clash.
   */
  static String keyOf(Message event) {
    if (event instanceof Any any) {
      return JsonType.isJson(any) ? any.getTypeUrl() : MessageType.fullNameOf(any.getTypeUrl());
    }
    return event.getDescriptorForType().getFullName();
  }

  String key() {
    return key;
  }

  /**
   * Folds the event into the state.
   *
   * @throws IllegalArgumentException if the event cannot be read as this route's type
   */
  S apply(S state, Message event) {
    E read;
    try {
      read = reader.read(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Malformed event " + key + ": " + e.getMessage(), e);
    }
    S next = handler.apply(state, read);
    if (next == null) {
      throw new IllegalStateException("The handler of " + key + " returned null");
    }
    return next;
  }
}
