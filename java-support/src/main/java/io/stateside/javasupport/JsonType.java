package io.stateside.javasupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Objects;

/**
 * A Java type carried as JSON in a {@code google.protobuf.Any}, in the encoding Cloudstate's
 * support libraries share: type URL {@code json.cloudstate.io/<name>}, and as value a message
 * whose field 1 holds the JSON text's UTF-8 bytes. A proxy stores such events and delivers them
 * to subscribers like any other, so entities written in other languages can read them.
 *
 * <p>Values are written and read with Jackson: records, and classes with public fields or bean
 * properties. Properties the Java type does not know are ignored on reading, so an older reader
 * can take events written by a newer version.
 *
 * <pre>{@code
 * static final JsonType<ItemAdded> ITEM_ADDED = JsonType.of("ItemAdded", ItemAdded.class);
 *
 * builder.onEvent(ITEM_ADDED, (cart, added) -> cart.with(added.productId()))      // an entity's event
 * Effect.emit(ITEM_ADDED.encode(new ItemAdded("apple"))).thenReply(...)            // emitting it
 * if (ITEM_ADDED.matches(event)) { ItemAdded added = ITEM_ADDED.decode(event); }   // a subscriber of Any
 * }</pre>
 *
 * <p>The name is what is stored and published: choose it once, as for a protobuf message's full
 * name, and keep it when the Java class is renamed.
 *
 * @param <T> the Java type
 */
public final class JsonType<T> {

  /** What the type URL of every JSON value starts with. */
  public static final String TYPE_URL_PREFIX = "json.cloudstate.io/";

  /** Made on first use of a JSON type, so that a user function that never uses JSON never loads Jackson. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private final String name;
  private final Class<T> javaClass;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonType(String name, Class<T> javaClass) {
    this.name = name;
    this.javaClass = javaClass;
    this.reader = Mapper.INSTANCE.readerFor(javaClass);
    this.writer = Mapper.INSTANCE.writerFor(javaClass);
  }

  /**
   * @param name the type's name in type URLs ({@code json.cloudstate.io/<name>}), without slashes
   * @param javaClass the class values are read as
   * @param <T> the Java type
   * @return the JSON type
   */
  public static <T> JsonType<T> of(String name, Class<T> javaClass) {
    if (Objects.requireNonNull(name, "name").isBlank() || name.contains("/")) {
      throw new IllegalArgumentException("A JSON type's name must be non-blank and without '/', was '" + name + "'");
    }
    return new JsonType<>(name, Objects.requireNonNull(javaClass, "javaClass"));
  }

  /**
   * @param any any payload
   * @return whether it holds JSON in Cloudstate's encoding, of whatever type
   */
  public static boolean isJson(Any any) {
    return any.getTypeUrl().startsWith(TYPE_URL_PREFIX);
  }

  /**
   * The JSON text of a payload in Cloudstate's encoding, for readers that parse it themselves.
   *
   * @param any a payload for which {@link #isJson} holds
   * @return the UTF-8 bytes of the JSON text
   * @throws IllegalArgumentException if the payload is not JSON in that encoding
   */
  public static ByteString jsonBytes(Any any) {
    if (!isJson(any)) {
      throw new IllegalArgumentException("Not JSON: " + any.getTypeUrl());
    }
    try {
      CodedInputStream in = any.getValue().newCodedInput();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return in.readBytes();
        }
        in.skipField(tag);
      }
      return ByteString.EMPTY;
    } catch (IOException e) {
      throw new IllegalArgumentException("Malformed JSON payload of type " + any.getTypeUrl() + ": " + e.getMessage(), e);
    }
  }

  /** @return the name in the type URL */
  public String name() {
    return name;
  }

  /** @return {@code json.cloudstate.io/<name>} */
  public String typeUrl() {
    return TYPE_URL_PREFIX + name;
  }

  /** @return the class values are read as */
  public Class<T> javaClass() {
    return javaClass;
  }

  /**
   * @param any any payload
   * @return whether it is a value of this type (by its type URL)
   */
  public boolean matches(Any any) {
    return any.getTypeUrl().equals(typeUrl());
  }

  /**
   * @param value a value of this type
   * @return it as JSON in an {@code Any}; emit it as an event, or reply with it from a method
   *     that returns {@code google.protobuf.Any}
   * @throws IllegalArgumentException if Jackson cannot write it
   */
  public Any encode(T value) {
    byte[] json;
    try {
      json = writer.writeValueAsBytes(Objects.requireNonNull(value, "value"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write a " + javaClass.getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
    ByteString.Output out = ByteString.newOutput(json.length + 6);
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeByteArray(1, json);
      coded.flush();
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory failed", e);
    }
    return Any.newBuilder().setTypeUrl(typeUrl()).setValue(out.toByteString()).build();
  }

  /**
   * @param any a payload this type {@linkplain #matches matches}
   * @return the value it holds
   * @throws IllegalArgumentException if it is of another type or not readable as one
   */
  public T decode(Any any) {
    if (!matches(any)) {
      throw new IllegalArgumentException("Expected " + typeUrl() + ", got " + any.getTypeUrl());
    }
    try {
      return reader.readValue(jsonBytes(any).toByteArray());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + typeUrl() + " as a " + javaClass.getName() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JsonType(" + typeUrl() + " as " + javaClass.getName() + ")";
  }
}
