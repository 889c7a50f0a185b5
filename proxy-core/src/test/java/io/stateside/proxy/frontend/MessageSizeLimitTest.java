package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Reply;
import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Case 1 of issue 18: messages over the limit fail their own call, in both directions. */
class MessageSizeLimitTest {

  private static final int LIMIT = 64 * 1024;
  private static final String SERVICE = CounterUserFunction.SERVICE;

  private static ProxyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start(CounterUserFunction.Options.defaults(),
        Map.of("stateside.proxy.limits.max-message-size", LIMIT));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** An Increase request padded with an unknown field to exactly {@code size} bytes. */
  private static byte[] increaseOfSize(String counterId, int size) throws Exception {
    byte[] head = Bystanders.increase(counterId, 1);
    int padding = size - head.length - 1 - 3; // tag byte, three bytes of length varint
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(head);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeTag(15, 2);
    out.writeUInt32NoTag(padding);
    out.flush();
    bytes.write(new byte[padding]);
    assertEquals(size, bytes.size());
    return bytes.toByteArray();
  }

  @Test
  void aMessageOfExactlyTheLimitIsServed() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      RawHttp2Connection.Answer answer = connection
          .call(connection.grpcHeaders(SERVICE, "Increase"), increaseOfSize("at-limit", LIMIT))
          .awaitAnswer();
      assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
    }
  }

  @Test
  void aMessageDeclaredOverTheLimitIsRefusedBeforeItsBodyIsSent() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      // 200 MB declared, a kilobyte sent, the stream left open: the answer cannot wait for the rest.
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(SERVICE, "Increase"), false)
          .data(RawHttp2Connection.prefixed(200_000_000, new byte[1024]), false)
          .awaitAnswer();
      assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
      assertTrue(answer.grpcMessage().contains("over the limit of " + LIMIT), answer.grpcMessage());
      bystanders.assertUnharmed();
    }
  }

  @Test
  void aMessageOneByteOverTheLimitIsRefused() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .call(connection.grpcHeaders(SERVICE, "Increase"), increaseOfSize("over-limit", LIMIT + 1))
          .awaitAnswer();
      assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
      assertTrue(fixture.userFunction().received("over-limit").isEmpty(), "the entity never saw the call");
      bystanders.assertUnharmed();
    }
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }

  /** A message with the compressed flag set. */
  private static byte[] compressedMessage(byte[] compressed) {
    byte[] frame = RawHttp2Connection.grpcMessage(compressed);
    frame[0] = 1;
    return frame;
  }

  @Test
  void aCompressedMessageIsServed() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(SERVICE, "Increase").add("grpc-encoding", "gzip"), false)
          .data(compressedMessage(gzip(Bystanders.increase("gzipped", 1))), true)
          .awaitAnswer();
      assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
    }
  }

  @Test
  void aCompressedMessageThatInflatesOverTheLimitIsRefused() throws Exception {
    byte[] bomb = gzip(increaseOfSize("bomb", 2_000_000));
    assertTrue(bomb.length < LIMIT, "the compressed message itself is within the limit");
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(SERVICE, "Increase").add("grpc-encoding", "gzip"), false)
          .data(compressedMessage(bomb), true)
          .awaitAnswer();
      assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
      assertTrue(fixture.userFunction().received("bomb").isEmpty(), "the entity never saw the call");
      bystanders.assertUnharmed();
    }
  }

  @Test
  void aReplyFromTheUserFunctionOverTheLimitFailsOnlyItsCall() throws Exception {
    fixture.userFunction().behave(context -> context.entityId().equals("huge-reply")
        ? Optional.of(EventSourcedStreamOut.newBuilder().setReply(EventSourcedReply.newBuilder()
            .setCommandId(context.id())
            .setClientAction(ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(
                com.google.protobuf.Any.newBuilder()
                    .setTypeUrl(CounterUserFunction.TYPE_URL_PREFIX + "stateside.example.counter.CounterValue")
                    .setValue(ByteString.copyFrom(new byte[LIMIT + 1])))))).build())
        : Optional.empty());
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .call(connection.grpcHeaders(SERVICE, "Increase"), Bystanders.increase("huge-reply", 1))
          .awaitAnswer();
      assertEquals("14", answer.grpcStatus(), "UNAVAILABLE: " + answer.grpcMessage());
      bystanders.assertUnharmed();
    } finally {
      fixture.userFunction().behave(context -> Optional.empty());
    }
  }
}
