package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.model.eventsourced.Response;
import io.stateside.tck.protocol.Payloads;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  private static final String RESPONSE_URL = "type.googleapis.com/cloudstate.tck.model.Response";

  private static EventSourcedStreamOut replyWith(ByteString payload) {
    return EventSourcedStreamOut.newBuilder()
        .setReply(EventSourcedReply.newBuilder().setCommandId(1)
            .addEvents(Any.newBuilder().setTypeUrl(RESPONSE_URL).setValue(payload)))
        .build();
  }

  @Test
  void aDefaultValueWrittenOutIsTheSameMessage() {
    // Response { message: "" } with the empty string written out (field 1, length 0), as protobufjs does.
    EventSourcedStreamOut explicit = replyWith(ByteString.copyFrom(new byte[] {0x0a, 0x00}));
    EventSourcedStreamOut omitted = replyWith(Response.getDefaultInstance().toByteString());
    assertNotEquals(explicit, omitted);
    assertEquals(Payloads.canonical(omitted), Payloads.canonical(explicit));
  }

  @Test
  void differentMessagesStayDifferent() {
    EventSourcedStreamOut a = replyWith(Response.newBuilder().setMessage("A").build().toByteString());
    EventSourcedStreamOut b = replyWith(Response.newBuilder().setMessage("B").build().toByteString());
    assertNotEquals(Payloads.canonical(a), Payloads.canonical(b));
  }

  @Test
  void anUnknownTypeOrABadEncodingIsComparedAsItCame() {
    Any unknown = Any.newBuilder().setTypeUrl("type.googleapis.com/other.Type").setValue(ByteString.copyFromUtf8("x")).build();
    assertEquals(unknown, Payloads.canonical(unknown));
    Any bad = Any.newBuilder().setTypeUrl(RESPONSE_URL).setValue(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
    assertEquals(bad, Payloads.canonical(bad));
  }
}
