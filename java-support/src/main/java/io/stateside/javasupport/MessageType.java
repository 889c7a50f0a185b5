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
 */
final class MessageType<T extends Message> {

  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private final Class<T> javaClass;
  private final Descriptor descriptor;
  private final Parser<T> parser;

  private MessageType(Class<T> javaClass, T defaultInstance) {
    this.javaClass = javaClass;
    this.descriptor = defaultInstance.getDescriptorForType();
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
    return fullNameOf(any.getTypeUrl()).equals(fullName());
  }

  /** Parses the payload of an {@code Any} already known to {@linkplain #matches match} this type. */
  T parse(Any any) throws InvalidProtocolBufferException {
    return parser.parseFrom(any.getValue());
  }
}
