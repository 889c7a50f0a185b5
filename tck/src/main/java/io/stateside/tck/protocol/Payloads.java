package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import io.stateside.tck.model.action.ActionTckModelProto;
import io.stateside.tck.model.crdt.CrdtTckModelProto;
import io.stateside.tck.model.entitypassivation.EntityPassivationTckModelProto;
import io.stateside.tck.model.eventlogeventing.EventLogEventingProto;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;
import io.stateside.tck.model.valueentity.ValueEntityTckModelProto;
import java.util.List;
import java.util.Map;

/**
 * Protocol messages in a canonical form, for comparing them as messages rather than as bytes.
 * Commands, replies, events and snapshots carry the TCK model's messages as {@code Any}, whose
 * value is the bytes of the message as the sender encoded it; protobuf lets an encoder write a
 * proto3 field that holds its default value (Cloudstate's Node.js library writes
 * {@code message: ""}), and the message is the same. So an {@code Any} of a TCK model type is
 * compared by its message: decoded, stripped of fields without presence that hold their
 * default, and encoded again.
 */
public final class Payloads {

  /** The TCK model's messages, by type URL. */
  public static final TypeRegistry MODEL_TYPES = registry(List.of(
      EventSourcedTckModelProto.getDescriptor(),
      EntityPassivationTckModelProto.getDescriptor(),
      ValueEntityTckModelProto.getDescriptor(),
      ActionTckModelProto.getDescriptor(),
      CrdtTckModelProto.getDescriptor(),
      EventLogEventingProto.getDescriptor()));

  private Payloads() {}

  /** {@code value} in canonical form if it is a protobuf message, else {@code value} itself. */
  public static Object canonicalValue(Object value) {
    return value instanceof Message message ? canonical(message) : value;
  }

  /** {@code message} with every TCK model payload in it, at any depth, in canonical form. */
  @SuppressWarnings("unchecked")
  public static <M extends Message> M canonical(M message) {
    if (message == null) {
      return null;
    }
    if (message instanceof Any any) {
      return (M) canonicalAny(any);
    }
    Message.Builder builder = message.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        if (!field.isRepeated() && !field.hasPresence() && entry.getValue().equals(field.getDefaultValue())) {
          builder.clearField(field);
        }
        continue;
      }
      if (field.isRepeated()) {
        builder.clearField(field);
        for (Object element : (List<?>) entry.getValue()) {
          builder.addRepeatedField(field, canonical((Message) element));
        }
      } else {
        builder.setField(field, canonical((Message) entry.getValue()));
      }
    }
    return (M) builder.build();
  }

  private static Any canonicalAny(Any any) {
    Descriptor type;
    try {
      type = MODEL_TYPES.getDescriptorForTypeUrl(any.getTypeUrl());
    } catch (InvalidProtocolBufferException e) {
      return any;
    }
    if (type == null) {
      return any;
    }
    try {
      DynamicMessage payload = canonical(DynamicMessage.parseFrom(type, any.getValue()));
      return any.toBuilder().setValue(payload.toByteString()).build();
    } catch (InvalidProtocolBufferException e) {
      // Not a valid encoding of its type: compared as it came, so the difference shows.
      return any;
    }
  }

  private static TypeRegistry registry(List<FileDescriptor> files) {
    TypeRegistry.Builder registry = TypeRegistry.newBuilder();
    files.forEach(file -> registry.add(file.getMessageTypes()));
    return registry.build();
  }
}
