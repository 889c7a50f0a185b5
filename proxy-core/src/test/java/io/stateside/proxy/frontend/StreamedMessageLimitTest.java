package io.stateside.proxy.frontend;

import static io.stateside.proxy.testing.EchoKind.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.example.echo.EchoService;
import io.stateside.example.echo.Text;
import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.EchoKind;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compressed messages of a streamed call are inflated one by one, each to at most the
 * message limit, like a unary call's: a message that inflates past it fails its own call only.
 */
class StreamedMessageLimitTest {

  private static final int LIMIT = 64 * 1024;

  private static final EchoKind echo = new EchoKind();
  private static ProxyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.startWith(echo, CounterUserFunction.Options.defaults().withSpec(EchoKind::declaredBeside),
        Map.of("stateside.proxy.limits.max-message-size", LIMIT));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void compressedAndPlainMessagesOfOneStreamAreEachServedInOrder() throws Exception {
    byte[] third = compressed(text("third").toByteArray());
    int half = third.length / 2;
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      // One DATA frame ends inside the third message's prefix-and-body; the next holds the rest.
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(EchoService.name, "Chat").add("grpc-encoding", "gzip"), false)
          .data(concat(compressed(text("first").toByteArray()),
              RawHttp2Connection.grpcMessage(text("second").toByteArray()),
              Arrays.copyOfRange(third, 0, half)), false)
          .data(Arrays.copyOfRange(third, half, third.length), true)
          .awaitAnswer();
      assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
      assertEquals(List.of(text("first"), text("second"), text("third")), messagesOf(answer.body()));
    }
  }

  @Test
  void aStreamedMessageThatInflatesOverTheLimitFailsOnlyItsCall() throws Exception {
    byte[] bomb = compressed(text("x".repeat(2_000_000)).toByteArray());
    assertTrue(bomb.length < LIMIT, "the compressed message itself is within the limit");
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(EchoService.name, "Chat").add("grpc-encoding", "gzip"), false)
          .data(concat(RawHttp2Connection.grpcMessage(text("before").toByteArray()), bomb), true)
          .awaitAnswer();
      assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
      assertTrue(answer.grpcMessage().contains("inflates to over the limit of " + LIMIT), answer.grpcMessage());
      assertTrue(echo.seen().stream().noneMatch(command -> command.getPayload().getValue().size() > LIMIT),
          "the inflated message never reached the kind");
      bystanders.assertUnharmed();
    }
  }

  /** A gRPC message with the compressed flag set, its body gzipped. */
  private static byte[] compressed(byte[] message) throws Exception {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(message);
    }
    byte[] frame = RawHttp2Connection.grpcMessage(gzipped.toByteArray());
    frame[0] = 1;
    return frame;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static List<Text> messagesOf(byte[] body) throws Exception {
    List<Text> messages = new ArrayList<>();
    ByteBuffer frames = ByteBuffer.wrap(body);
    while (frames.hasRemaining()) {
      assertEquals(0, frames.get(), "replies go uncompressed");
      byte[] message = new byte[frames.getInt()];
      frames.get(message);
      messages.add(Text.parseFrom(message));
    }
    return messages;
  }
}
