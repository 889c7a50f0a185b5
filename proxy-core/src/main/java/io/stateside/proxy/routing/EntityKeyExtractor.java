package io.stateside.proxy.routing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import io.grpc.Status;
import io.stateside.protocol.frontend.EntityKeyProto;
import io.stateside.protocol.frontend.LegacyEntityKeyProto;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the entity id from a request's wire bytes. It walks the message once, decoding only
 * the key fields and skipping the rest, so a request is never parsed into a message object;
 * the walk also rejects bytes that are not a well-formed protobuf message, and keys longer than
 * the store can hold.
 */
public final class EntityKeyExtractor implements EntityIdReader {

  private final String messageName;
  private final KeyField[] keyFields;
  private final int maxKeyLength;

  private record KeyField(FieldDescriptor field) {
    String defaultValue() {
      return field.getJavaType() == FieldDescriptor.JavaType.STRING ? "" : String.valueOf(field.getDefaultValue());
    }
  }

  private EntityKeyExtractor(String messageName, List<FieldDescriptor> fields, int maxKeyLength) {
    this.messageName = messageName;
    this.keyFields = fields.stream().map(KeyField::new).toArray(KeyField[]::new);
    this.maxKeyLength = maxKeyLength;
  }

  /** Marked key fields of a message, in field-number order. */
  public static List<FieldDescriptor> keyFieldsOf(Descriptor message) {
    return message.getFields().stream()
        .filter(EntityKeyExtractor::isMarkedAsKey)
        .sorted(Comparator.comparingInt(FieldDescriptor::getNumber))
        .toList();
  }

  /**
   * An extractor for the message, or an explanation of why its key fields are unusable.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static EntityKeyExtractor forMessage(Descriptor message) {
    return forMessage(message, Integer.MAX_VALUE);
  }

  /** Like {@link #forMessage(Descriptor)}, refusing keys longer than {@code maxKeyLength} characters. */
  public static EntityKeyExtractor forMessage(Descriptor message, int maxKeyLength) {
    List<FieldDescriptor> keys = keyFieldsOf(message);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "message " + message.getFullName() + " has no field marked with (cloudstate.entity_key)");
    }
    for (FieldDescriptor key : keys) {
      if (key.isRepeated() || !isScalarKeyType(key)) {
        throw new IllegalArgumentException(
            "entity key field " + key.getFullName() + " must be a single string, integer or bool, not "
                + (key.isRepeated() ? "repeated " : "") + key.getType().name().toLowerCase());
      }
    }
    return new EntityKeyExtractor(message.getFullName(), keys, maxKeyLength);
  }

  private static boolean isMarkedAsKey(FieldDescriptor field) {
    var options = field.getOptions();
    return options.getExtension(EntityKeyProto.entityKey)
        || options.getExtension(LegacyEntityKeyProto.legacyEntityKey);
  }

  private static boolean isScalarKeyType(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case STRING, INT, LONG, BOOLEAN -> true;
      default -> false;
    };
  }

  /**
   * The entity id: the key fields' values joined with {@code -} in field-number order.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when the bytes are not a message
   *     of this type, a string key field is empty, or the key is too long
   */
  @Override
  public String extract(ByteString request) {
    String[] values = new String[keyFields.length];
    try {
      CodedInputStream in = request.newCodedInput();
      int tag;
      while ((tag = in.readTag()) != 0) {
        int index = keyIndexOf(WireFormat.getTagFieldNumber(tag));
        FieldDescriptor field = index < 0 ? null : keyFields[index].field();
        if (field != null && WireFormat.getTagWireType(tag) == wireTypeOf(field)) {
          values[index] = readValue(in, field);
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("request is not a valid " + messageName + ": " + e.getMessage())
          .asRuntimeException();
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        values[i] = keyFields[i].defaultValue();
      }
      if (values[i].isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("entity key field " + keyFields[i].field().getName() + " of "
                + messageName + " is empty")
            .asRuntimeException();
      }
    }
    String key = values.length == 1 ? values[0] : String.join("-", Arrays.asList(values));
    if (key.length() > maxKeyLength) {
      throw Status.INVALID_ARGUMENT
          .withDescription("entity key of " + messageName + " is " + key.length()
              + " characters long, over the limit of " + maxKeyLength)
          .asRuntimeException();
    }
    return key;
  }

  /** Key messages have one to three key fields: a scan beats any lookup structure. */
  private int keyIndexOf(int fieldNumber) {
    for (int i = 0; i < keyFields.length; i++) {
      if (keyFields[i].field().getNumber() == fieldNumber) {
        return i;
      }
    }
    return -1;
  }

  private static int wireTypeOf(FieldDescriptor field) {
    return field.getLiteType().getWireType();
  }

  private static String readValue(CodedInputStream in, FieldDescriptor field) throws IOException {
    return switch (field.getType()) {
      case STRING -> in.readStringRequireUtf8();
      case INT32 -> Integer.toString(in.readInt32());
      case SINT32 -> Integer.toString(in.readSInt32());
      case SFIXED32 -> Integer.toString(in.readSFixed32());
      case UINT32 -> Integer.toUnsignedString(in.readUInt32());
      case FIXED32 -> Integer.toUnsignedString(in.readFixed32());
      case INT64 -> Long.toString(in.readInt64());
      case SINT64 -> Long.toString(in.readSInt64());
      case SFIXED64 -> Long.toString(in.readSFixed64());
      case UINT64 -> Long.toUnsignedString(in.readUInt64());
      case FIXED64 -> Long.toUnsignedString(in.readFixed64());
      case BOOL -> Boolean.toString(in.readBool());
      default -> throw new IllegalStateException("not a key type: " + field.getType());
    };
  }
}
