package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.View;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values in CRDTs travel as Cloudstate's primitives: the value in field 1 of the type's wrapper
 * (so the wrapper's bytes), under {@code p.cloudstate.io/<type>}, and messages as usual.
 */
class CrdtValuesTest {

  private static final CrdtValues VALUES = CrdtValues.of(List.of(AuditRecord.class));

  private static Any primitive(String type, Message wrapper) {
    return Any.newBuilder().setTypeUrl("p.cloudstate.io/" + type).setValue(wrapper.toByteString()).build();
  }

  @Test
  void eachJavaTypeIsEncodedAsItsCloudstatePrimitiveAndReadBack() throws Exception {
    List<Object> values = List.of("text", ByteString.copyFromUtf8("bytes"), 42, 1L << 40, 1.5f, 2.25d, true);
    List<Any> encoded = List.of(
        primitive("string", StringValue.of("text")),
        primitive("bytes", BytesValue.of(ByteString.copyFromUtf8("bytes"))),
        primitive("int32", Int32Value.of(42)),
        primitive("int64", Int64Value.of(1L << 40)),
        primitive("float", FloatValue.of(1.5f)),
        primitive("double", DoubleValue.of(2.25d)),
        primitive("bool", BoolValue.of(true)));

    for (int i = 0; i < values.size(); i++) {
      assertEquals(encoded.get(i), CrdtValues.encode(values.get(i)));
      assertEquals(values.get(i), VALUES.decode(encoded.get(i)));
    }
  }

  @Test
  void defaultValuesAreEmptyBytesAndReadBackAsTheDefault() throws Exception {
    assertEquals(Any.newBuilder().setTypeUrl("p.cloudstate.io/string").build(), CrdtValues.encode(""));
    assertEquals(Any.newBuilder().setTypeUrl("p.cloudstate.io/int64").build(), CrdtValues.encode(0L));
    assertEquals(0, VALUES.decode(Any.newBuilder().setTypeUrl("p.cloudstate.io/int32").build()));
    assertEquals(false, VALUES.decode(Any.newBuilder().setTypeUrl("p.cloudstate.io/bool").build()));
  }

  @Test
  void messagesOfARegisteredClassReadBackAsThatClassOthersAsAny() throws Exception {
    AuditRecord record = AuditRecord.newBuilder().setAccountId("a").build();
    Any packed = MessageType.pack(record);
    assertEquals(packed, CrdtValues.encode(record));
    assertEquals(record, VALUES.decode(packed));

    Any unknown = MessageType.pack(View.newBuilder().setText("v").build());
    assertEquals(unknown, VALUES.decode(unknown));
    assertEquals(unknown, CrdtValues.encode(unknown), "an Any is sent as it is");
  }

  @Test
  void otherJavaTypesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CrdtValues.encode(new Object()));
    assertThrows(IllegalArgumentException.class, () -> new GSet<Object>().add(List.of()));
  }
}
