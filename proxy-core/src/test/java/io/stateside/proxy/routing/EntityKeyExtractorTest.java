package io.stateside.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.protocol.frontend.EntityKeyProto;
import io.stateside.protocol.frontend.LegacyEntityKeyProto;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class EntityKeyExtractorTest {

  private static final FieldOptions KEY = FieldOptions.newBuilder().setExtension(EntityKeyProto.entityKey, true).build();
  private static final FieldOptions LEGACY_KEY =
      FieldOptions.newBuilder().setExtension(LegacyEntityKeyProto.legacyEntityKey, true).build();

  private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, FieldOptions options) {
    FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
        .setName(name).setNumber(number).setType(type).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    if (options != null) {
      field.setOptions(options);
    }
    return field.build();
  }

  private static Descriptor message(FieldDescriptorProto... fields) throws Exception {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("test.proto").setPackage("test").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Request").addAllField(java.util.List.of(fields)))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Request");
  }

  @Test
  void readsASingleStringKeyAmongOtherFields() throws Exception {
    Descriptor request = message(
        field("note", 1, FieldDescriptorProto.Type.TYPE_STRING, null),
        field("user_id", 2, FieldDescriptorProto.Type.TYPE_STRING, KEY),
        field("amount", 3, FieldDescriptorProto.Type.TYPE_INT64, null));
    DynamicMessage body = DynamicMessage.newBuilder(request)
        .setField(request.findFieldByName("note"), "hello")
        .setField(request.findFieldByName("user_id"), "alice")
        .setField(request.findFieldByName("amount"), 42L)
        .build();

    assertEquals("alice", EntityKeyExtractor.forMessage(request).extract(body.toByteString()));
  }

  @Test
  void joinsSeveralKeysInFieldNumberOrderWhateverTheirWireOrder() throws Exception {
    Descriptor request = message(
        field("region", 3, FieldDescriptorProto.Type.TYPE_STRING, LEGACY_KEY),
        field("shard", 1, FieldDescriptorProto.Type.TYPE_INT32, KEY),
        field("flag", 2, FieldDescriptorProto.Type.TYPE_BOOL, KEY));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(3, "eu");
    out.writeBool(2, true);
    out.writeInt32(1, -7);
    out.flush();

    assertEquals("-7-true-eu", EntityKeyExtractor.forMessage(request).extract(ByteString.copyFrom(bytes.toByteArray())));
  }

  @Test
  void absentNumericKeyIsItsDefaultValue() throws Exception {
    Descriptor request = message(field("id", 1, FieldDescriptorProto.Type.TYPE_UINT64, KEY));
    assertEquals("0", EntityKeyExtractor.forMessage(request).extract(ByteString.EMPTY));
  }

  @Test
  void emptyStringKeyIsInvalidArgument() throws Exception {
    Descriptor request = message(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, KEY));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> EntityKeyExtractor.forMessage(request).extract(ByteString.EMPTY));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void malformedBytesAreInvalidArgument() throws Exception {
    Descriptor request = message(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, KEY));
    byte[] truncated = {0x0a, 0x05, 'a', 'b'};
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> EntityKeyExtractor.forMessage(request).extract(ByteString.copyFrom(truncated)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void lastOccurrenceOfAKeyFieldWins() throws Exception {
    Descriptor request = message(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, KEY));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(1, "first");
    out.writeString(1, "second");
    out.flush();
    assertEquals("second", EntityKeyExtractor.forMessage(request).extract(ByteString.copyFrom(bytes.toByteArray())));
  }

  @Test
  void messageWithoutKeyOrWithUnusableKeyIsRefused() throws Exception {
    Descriptor none = message(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, null));
    Descriptor doubleKey = message(field("id", 1, FieldDescriptorProto.Type.TYPE_DOUBLE, KEY));

    assertTrue(assertThrows(IllegalArgumentException.class, () -> EntityKeyExtractor.forMessage(none))
        .getMessage().contains("no field marked"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EntityKeyExtractor.forMessage(doubleKey))
        .getMessage().contains("must be a single string, integer or bool"));
  }

  @Test
  void unknownFieldsOfAnyWireTypeAreSkipped() throws Exception {
    Descriptor request = message(field("id", 2, FieldDescriptorProto.Type.TYPE_STRING, KEY));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeFixed64(9, 1L);
    out.writeFixed32(10, 1);
    out.writeBytes(11, ByteString.copyFromUtf8("blob"));
    out.writeString(2, "k");
    out.writeUInt64(12, 99L);
    out.flush();
    assertEquals("k", EntityKeyExtractor.forMessage(request).extract(ByteString.copyFrom(bytes.toByteArray())));
  }


  @Test
  void aJoinedKeyLongerThanTheLimitIsInvalidArgument() throws Exception {
    Descriptor request = message(
        field("region", 1, FieldDescriptorProto.Type.TYPE_STRING, KEY),
        field("user_id", 2, FieldDescriptorProto.Type.TYPE_STRING, KEY));
    DynamicMessage atLimit = DynamicMessage.newBuilder(request)
        .setField(request.findFieldByName("region"), "eu")
        .setField(request.findFieldByName("user_id"), "abcdefg")
        .build();
    DynamicMessage overLimit = atLimit.toBuilder().setField(request.findFieldByName("user_id"), "abcdefgh").build();

    EntityKeyExtractor extractor = EntityKeyExtractor.forMessage(request, 10);

    assertEquals("eu-abcdefg", extractor.extract(atLimit.toByteString()));
    StatusRuntimeException tooLong = assertThrows(StatusRuntimeException.class, () -> extractor.extract(overLimit.toByteString()));
    assertEquals(Status.Code.INVALID_ARGUMENT, tooLong.getStatus().getCode());
    assertTrue(tooLong.getStatus().getDescription().endsWith("11 characters long, over the limit of 10"),
        tooLong.getStatus().getDescription());
  }
}
