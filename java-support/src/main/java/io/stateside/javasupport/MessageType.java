package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Internal;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * A protobuf message class known to an entity: how to recognise it in a {@code google.protobuf.Any}
 * and how to parse it. Resolved once at registration, so no reflection happens per message.
 *
 * <p>{@code google.protobuf.Any} itself stands for every type: a method that takes it gets events
 * of any type (protobuf, or Cloudstate's JSON, string and bytes encodings) as they come, and a
 * client's {@code Any} request unwrapped.
 */
final class MessageType<T extends Message> {

  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";
  private static final String ANY = Any.getDescriptor().getFullName();

  private final Class<T> javaClass;
  private final Descriptor descriptor;
  private final Parser<T> parser;
  private final boolean any;

  private MessageType(Class<T> javaClass, T defaultInstance) {
    this.javaClass = javaClass;
    this.descriptor = defaultInstance.getDescriptorForType();
    this.any = descriptor.getFullName().equals(ANY);
    @SuppressWarnings("unchecked")
    Parser<T> typedParser = (Parser<T>) defaultInstance.getParserForType();
    this.parser = typedParser;
  }

  static <T extends Message> MessageType<T> of(Class<T> javaClass) {
    return new MessageType<>(javaClass, Internal.getDefaultInstance(javaClass));
  }

  /** The part of a type URL after its last slash: the message's full name. */
  static String fullNameOf(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
  }

  /** An event as the proxy stores it: a message packed, an {@code Any} (a JSON event, say) as it is. */
  static Any packEvent(Message event) {
    return event instanceof Any any ? any : pack(event);
  }

  static Any pack(Message message) {
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL_PREFIX + message.getDescriptorForType().getFullName())
        .setValue(message.toByteString())
        .build();
  }

  String fullName() {
    return descriptor.getFullName();
  }

  Descriptor descriptor() {
    return descriptor;
  }

  T cast(Message message) {
    return javaClass.cast(message);
  }

  boolean matches(Any any) {
    return this.any || fullNameOf(any.getTypeUrl()).equals(fullName());
  }

  /** Parses the payload of an {@code Any} already known to {@linkplain #matches match} this type. */
  T parse(Any any) throws InvalidProtocolBufferException {
    if (this.any) {
      // A client's request comes wrapped, as a google.protobuf.Any; an event as itself.
      return javaClass.cast(fullNameOf(any.getTypeUrl()).equals(ANY) ? Any.parseFrom(any.getValue()) : any);
    }
    return parser.parseFrom(any.getValue());
  }
}
