package io.stateside.proxy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.grpc.GrpcSingleResponse;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.echo.EchoServiceClient;
import io.stateside.example.echo.Text;
import io.stateside.example.gateway.RegisterGatewayClient;
import io.stateside.example.register.SetRequest;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaActions;
import io.stateside.proxy.testing.RegisterCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Actions through the real proxy and a user function written with the Java support library:
 * every call shape, no reply, forwards to a value entity, side effects, failures in mid-stream,
 * cancellation and metadata both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionTest {

  private ActionStack stack;
  private ActorSystem clientSide;
  private JavaActions userFunction;
  private EchoServiceClient echo;
  private RegisterGatewayClient gateway;
  private RegisterCalls register;

  @BeforeAll
  void start() {
    stack = ActionStack.start();
    clientSide = stack.clientSide();
    userFunction = stack.userFunction();
    GrpcClientSettings settings = stack.clientSettings(Duration.ofSeconds(30));
    echo = EchoServiceClient.create(settings, clientSide);
    gateway = RegisterGatewayClient.create(settings, clientSide);
    register = new RegisterCalls(stack.proxy().httpPort(), clientSide);
  }

  @AfterAll
  void stop() {
    register.close();
    gateway.close();
    echo.close();
    stack.close();
  }

  @Test
  void aUnaryCallIsAnsweredByTheAction() {
    assertEquals(text("hello"), join(echo.say(text("hello"))));
  }

  @Test
  void aUnaryCallAnsweredWithNoReplyGetsTheEmptyMessage() {
    assertEquals(Text.getDefaultInstance(), join(echo.say(text("silent"))));
  }

  @Test
  void aFailureReachesTheClientAsUnknownWithItsDescription() {
    StatusRuntimeException failure = failure(echo.say(text("fail:not today")));
    assertEquals(Status.Code.UNKNOWN, failure.getStatus().getCode());
    assertEquals("not today", failure.getStatus().getDescription());
  }

  @Test
  void requestHeadersReachTheActionAndReplyMetadataComesBackAsResponseHeaders() {
    byte[] token = {0, 1, 2, (byte) 0xff};
    GrpcSingleResponse<Text> response = join(echo.say()
        .addHeader("x-user", "alice")
        .addHeader("x-token-bin", ByteString.fromArray(token))
        .invokeWithMetadata(text("with headers")));
    assertEquals(text("with headers"), response.value());
    assertEquals("alice", response.getHeaders().getText("echo-x-user").orElseThrow());
    assertEquals(ByteString.fromArray(token), response.getHeaders().getBinary("echo-x-token-bin").orElseThrow());
    // The action also returned grpc-status and content-type entries: a user function cannot set those.
    assertFalse(response.getHeaders().getText("content-type").map("text/plain"::equals).orElse(false));
    assertTrue(response.getHeaders().getText("grpc-status").isEmpty());
  }

  @Test
  void transportAndReservedHeadersAreNotPassedToTheAction() {
    join(echo.say().addHeader("x-user", "bob").invokeWithMetadata(text("which headers")));
    Set<String> seen = userFunction.metadataKeysSeen().stream()
        .filter(keys -> keys.contains("x-user")).reduce((first, last) -> last).orElseThrow();
    assertTrue(seen.contains("x-user"), seen::toString);
    for (String key : seen) {
      assertFalse(key.startsWith("grpc-") || Set.of("te", "content-type", "user-agent", "host", "connection").contains(key),
          "the action saw " + key + " among " + seen);
    }
  }

  @Test
  void anActionForwardsToAValueEntity() {
    assertEquals("through the gateway",
        join(gateway.set(SetRequest.newBuilder().setRegisterId("gw-1").setValue("through the gateway").build())).getValue());
    assertEquals("through the gateway", register.get("gw-1").getValue());
  }

  @Test
  void anActionRefusesWhatItDoesNotForward() {
    StatusRuntimeException refused = failure(gateway.set(SetRequest.newBuilder().setRegisterId("gw-2").setValue(" ").build()));
    assertEquals(Status.Code.UNKNOWN, refused.getStatus().getCode());
    assertEquals("", register.get("gw-2").getValue());
  }

  @Test
  void aSynchronousSideEffectIsDoneBeforeTheReply() {
    assertEquals(text("sync-effect:se-sync"), join(echo.say(text("sync-effect:se-sync"))));
    assertEquals("x", register.get("se-sync").getValue());
  }

  @Test
  void anAsynchronousSideEffectIsDone() {
    assertEquals(text("effect:se-async"), join(echo.say(text("effect:se-async"))));
    Await.until("the side effect appended to the register", () -> register.get("se-async").getValue().equals("x"));
  }

  @Test
  void aServerStreamingCallGetsEveryReplyInOrder() {
    List<Text> expected = IntStream.rangeClosed(1, 500).mapToObj(i -> text(Integer.toString(i))).toList();
    assertEquals(expected, join(echo.repeat(text("count:500")).runWith(Sink.seq(), clientSide)));
  }

  @Test
  void aStreamedOutEffectWithoutReplySendsNothing() {
    assertEquals(List.of(text("2"), text("4"), text("6"), text("8"), text("10")),
        join(echo.repeat(text("even:10")).runWith(Sink.seq(), clientSide)));
  }

  @Test
  void aFailureInMidStreamEndsThatCallWithItsStatusAndNoOther() {
    List<Text> received = new CopyOnWriteArrayList<>();
    CompletionStage<?> failing = echo.repeat(text("fail-after:3")).runForeach(received::add, clientSide);
    CompletionStage<List<Text>> beside = echo.repeat(text("count:50")).runWith(Sink.seq(), clientSide);
    StatusRuntimeException failure = failure(failing);
    assertEquals(Status.Code.UNKNOWN, failure.getStatus().getCode());
    assertEquals("broke after 3", failure.getStatus().getDescription());
    assertEquals(List.of(text("1"), text("2"), text("3")), received);
    assertEquals(50, join(beside).size());
    assertEquals(text("after"), join(echo.say(text("after"))));
  }

  @Test
  void aClientStreamingCallGetsOneReplyForAllItsMessagesWithTheCallsMetadata() {
    assertEquals(text("carol|abc"),
        join(echo.collect().addHeader("x-user", "carol").invoke(Source.from(List.of(text("a"), text("b"), text("c"))))));
  }

  @Test
  void aClientStreamingCallWithoutMessagesStillReachesTheAction() {
    assertEquals(text("|"), join(echo.collect(Source.empty())));
  }

  @Test
  void aClientStreamingCallAnsweredWithNoReplyGetsTheEmptyMessage() {
    assertEquals(Text.getDefaultInstance(), join(echo.collect(Source.from(List.of(text("a"), text("silent"))))));
  }

  @Test
  void aBidirectionalCallIsAnsweredInOrderSkippingMessagesWithoutReply() {
    List<Text> said = new ArrayList<>();
    List<Text> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      said.add(text("m" + i));
      expected.add(text("m" + i));
      if (i % 50 == 0) {
        said.add(text("silent"));
      }
    }
    assertEquals(expected, join(echo.chat(Source.from(said)).runWith(Sink.seq(), clientSide)));
  }

  @Test
  void aBidirectionalCallFailingInMidStreamGivesTheClientTheStatus() {
    List<Text> received = new CopyOnWriteArrayList<>();
    StatusRuntimeException failure = failure(echo.chat(Source.from(List.of(text("one"), text("fail"), text("never"))))
        .runForeach(received::add, clientSide));
    assertEquals(Status.Code.UNKNOWN, failure.getStatus().getCode());
    assertEquals("chat failed on request", failure.getStatus().getDescription());
    assertEquals(List.of(text("one")), received);
  }

  @Test
  void aClientThatCancelsCancelsTheActionsStream() {
    int cancelledBefore = userFunction.streamsCancelled();
    int startedBefore = userFunction.endlessStarted();
    assertEquals(5, join(echo.repeat(text("endless")).take(5).runWith(Sink.seq(), clientSide)).size());
    Await.until("the action's endless stream was started", () -> userFunction.endlessStarted() > startedBefore);
    Await.until("the action's endless stream was cancelled", () -> userFunction.streamsCancelled() > cancelledBefore);
  }

  private static Text text(String text) {
    return Text.newBuilder().setText(text).build();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static StatusRuntimeException failure(CompletionStage<?> call) {
    CompletionException thrown = assertThrows(CompletionException.class, () -> call.toCompletableFuture().join());
    return assertInstanceOf(StatusRuntimeException.class, thrown.getCause());
  }
}
