package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawGrpcClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a call can go wrong gets its own gRPC status. */
class ErrorStatusTest {

  private static final String SERVICE = CounterUserFunction.SERVICE;

  private static ProxyFixture fixture;
  private static CounterUserFunction userFunction;
  private static RawGrpcClient client;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start(CounterUserFunction.Options.defaults(),
        Map.of("stateside.proxy.user-function-timeout", "3s"));
    userFunction = fixture.userFunction();
    client = new RawGrpcClient(fixture.proxy().httpPort());
  }

  @AfterAll
  static void stop() {
    client.close();
    fixture.close();
  }

  private static byte[] increase(String counter, long by) {
    return IncreaseRequest.newBuilder().setCounterId(counter).setBy(by).build().toByteArray();
  }

  private static Status statusOf(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus();
  }

  @Test
  void aWellFormedCallSucceedsWithAnUncompressedReply() throws Exception {
    byte[] reply = client.call(SERVICE, "Increase", increase("ok", 2), 10_000);
    assertEquals(2, CounterValue.parseFrom(reply).getValue());
    // grpc-java clients accept gzip; replies of a few bytes are still better sent as they are.
    String encoding = client.lastResponseHeaders().get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER));
    assertTrue(encoding == null || encoding.equals("identity"), "reply encoding: " + encoding);
  }

  @Test
  void unknownServiceIsUnimplemented() {
    assertEquals(Status.Code.UNIMPLEMENTED,
        statusOf(() -> client.call("no.such.Service", "Increase", increase("x", 1), 10_000)).getCode());
  }

  @Test
  void unknownMethodIsUnimplemented() {
    assertEquals(Status.Code.UNIMPLEMENTED,
        statusOf(() -> client.call(SERVICE, "Decrease", increase("x", 1), 10_000)).getCode());
  }

  @Test
  void bodyThatIsNotTheInputTypeIsInvalidArgument() {
    byte[] garbage = {(byte) 0x0a, (byte) 0xff, 0x01};
    Status status = statusOf(() -> client.call(SERVICE, "Increase", garbage, 10_000));
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
  }

  @Test
  void emptyEntityKeyIsInvalidArgument() {
    Status status = statusOf(() -> client.call(SERVICE, "Increase", increase("", 1), 10_000));
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("entity key field counter_id of stateside.example.counter.IncreaseRequest is empty",
        status.getDescription());
  }

  @Test
  void failureFromTheUserFunctionIsUnknownWithItsDescription() {
    userFunction.behave(context -> context.entityId().equals("refused")
        ? Optional.of(io.stateside.protocol.eventsourced.EventSourcedStreamOut.newBuilder()
            .setFailure(io.stateside.protocol.Failure.newBuilder()
                .setCommandId(context.id()).setDescription("quantity must be positive")).build())
        : Optional.empty());
    Status status = statusOf(() -> client.call(SERVICE, "Increase", increase("refused", -1), 10_000));
    assertEquals(Status.Code.UNKNOWN, status.getCode());
    assertEquals("quantity must be positive", status.getDescription());
  }

  @Test
  void clientDeadlineIsHonoured() {
    userFunction.behave(context -> context.entityId().equals("slow")
        ? Optional.of(CounterUserFunction.Behavior.SILENCE) : Optional.empty());
    Status status = statusOf(() -> client.call(SERVICE, "Increase", increase("slow", 1), 300));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
  }
}
