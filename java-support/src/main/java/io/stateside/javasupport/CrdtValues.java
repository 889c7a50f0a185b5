package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How the elements of sets, the keys of maps and the values of registers travel as
 * {@code google.protobuf.Any}: a protobuf message as usual ({@code type.googleapis.com/<full name>}),
 * and a Java {@code String}, {@code ByteString}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double} or {@code Boolean} as a Cloudstate primitive ({@code p.cloudstate.io/string} and so
 * on: the value in field 1, nothing at all for the type's default), so other support libraries
 * read them alike.
 *
 * <p>Decoding a message needs its class: the entity registers it with
 * {@link CrdtEntity.Builder#valueType}. A message of a type not registered stays an {@code Any}, which
 * encodes back to itself, so nothing is lost.
 */
final class CrdtValues {

  private static final String PRIMITIVE = "p.cloudstate.io/";
  private static final int FIELD = 1;

  private final Map<String, MessageType<?>> messageTypes;

  private CrdtValues(Map<String, MessageType<?>> messageTypes) {
    this.messageTypes = messageTypes;
  }

  static CrdtValues of(Collection<Class<? extends Message>> messageClasses) {
    Map<String, MessageType<?>> byName = new HashMap<>();
    for (Class<? extends Message> messageClass : messageClasses) {
      MessageType<?> type = MessageType.of(messageClass);
      byName.put(type.fullName(), type);
    }
    return new CrdtValues(Map.copyOf(byName));
  }

  static Any encode(Object value) {
    if (value instanceof Any any) {
      return any;
    }
    if (value instanceof Message message) {
      return MessageType.pack(message);
    }
    try {
      if (value instanceof String string) {
        return primitive("string", string.isEmpty(), out -> out.writeString(FIELD, string));
      }
      if (value instanceof ByteString bytes) {
        return primitive("bytes", bytes.isEmpty(), out -> out.writeBytes(FIELD, bytes));
      }
      if (value instanceof Integer number) {
        return primitive("int32", number == 0, out -> out.writeInt32(FIELD, number));
      }
      if (value instanceof Long number) {
        return primitive("int64", number == 0L, out -> out.writeInt64(FIELD, number));
      }
      if (value instanceof Float number) {
        return primitive("float", number == 0f, out -> out.writeFloat(FIELD, number));
      }
      if (value instanceof Double number) {
        return primitive("double", number == 0d, out -> out.writeDouble(FIELD, number));
      }
      if (value instanceof Boolean bool) {
        return primitive("bool", !bool, out -> out.writeBool(FIELD, bool));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not encode " + value, e);
    }
    throw new IllegalArgumentException("A CRDT holds protobuf messages, String, ByteString, Integer, Long, Float, "
        + "Double or Boolean values, not " + (value == null ? "null" : value.getClass().getName()));
  }

  Object decode(Any any) throws InvalidProtocolBufferException {
    String typeUrl = any.getTypeUrl();
    if (typeUrl.startsWith(PRIMITIVE)) {
      return primitive(typeUrl.substring(PRIMITIVE.length()), any.getValue());
    }
    MessageType<?> type = messageTypes.get(MessageType.fullNameOf(typeUrl));
    return type == null ? any : type.parse(any);
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static Any primitive(String name, boolean isDefault, Writer writer) throws IOException {
    ByteString bytes = ByteString.EMPTY;
    if (!isDefault) {
      ByteString.Output buffer = ByteString.newOutput();
      CodedOutputStream out = CodedOutputStream.newInstance(buffer);
      writer.write(out);
      out.flush();
      bytes = buffer.toByteString();
    }
    return Any.newBuilder().setTypeUrl(PRIMITIVE + name).setValue(bytes).build();
  }

  private static Object primitive(String name, ByteString bytes) throws InvalidProtocolBufferException {
    int wireType = switch (name) {
      case "string", "bytes" -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
      case "int32", "int64", "bool" -> WireFormat.WIRETYPE_VARINT;
      case "float" -> WireFormat.WIRETYPE_FIXED32;
      case "double" -> WireFormat.WIRETYPE_FIXED64;
      default -> throw new InvalidProtocolBufferException("Unknown Cloudstate primitive type " + PRIMITIVE + name);
    };
    try {
      CodedInputStream in = bytes.newCodedInput();
      int expectedTag = (FIELD << 3) | wireType;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == expectedTag) {
          return read(name, in);
        }
        in.skipField(tag);
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return defaultOf(name);
  }

  private static Object read(String name, CodedInputStream in) throws IOException {
    return switch (name) {
      case "string" -> in.readString();
      case "bytes" -> in.readBytes();
      case "int32" -> in.readInt32();
      case "int64" -> in.readInt64();
      case "float" -> in.readFloat();
      case "double" -> in.readDouble();
      default -> in.readBool();
    };
  }

  private static Object defaultOf(String name) {
    return switch (name) {
      case "string" -> "";
      case "bytes" -> ByteString.EMPTY;
      case "int32" -> 0;
      case "int64" -> 0L;
      case "float" -> 0f;
      case "double" -> 0d;
      default -> false;
    };
  }
}
