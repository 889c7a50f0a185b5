package io.stateside.proxy.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterServiceClient;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.testing.CrdtCounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command a CRDT entity accepts gets exactly one answer (its reply, its failure or
 * {@code UNAVAILABLE}), whatever the user function does to the stream, and no acknowledged
 * change is lost.
 */
class CrdtCallerAnswersTest {

  private final ActorSystem userSide = ProxyHarness.userSideSystem();
  private CrdtCounterUserFunction userFunction;
  private StatesideProxy proxy;
  private CrdtCounterServiceClient client;

  @BeforeEach
  void start() {
    userFunction = CrdtCounterUserFunction.start(userSide);
    proxy = ProxyHarness.start(userFunction.port(), Map.of("stateside.proxy.user-function-timeout", "1s"));
    client = CrdtCounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide).withTls(false)
            .withDeadline(Duration.ofSeconds(60)),
        userSide);
  }

  @AfterEach
  void stop() {
    client.close();
    ProxyHarness.stop(proxy);
    userFunction.close();
    userSide.terminate();
  }

  /** The answer a call got: its value, or its status code. */
  private record Outcome(Long value, Status.Code code) {}

  private CompletableFuture<Outcome> increment(String id) {
    return client.increment(IncrementRequest.newBuilder().setCounterId(id).setBy(1).build()).toCompletableFuture()
        .thenApply(value -> new Outcome(value.getValue(), null))
        .exceptionally(error -> new Outcome(null,
            ((StatusRuntimeException) PlainFutures.causeOf(error)).getStatus().getCode()));
  }

  private long get(String id) {
    return client.get(CounterRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue();
  }

  @Test
  void aStreamThatEndsWithCommandsOutstandingAnswersEachOfThemOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = "ends-" + round;
      assertEquals(1, increment(id).join().value());
      userFunction.closeOnNextIncrement(id);
      List<CompletableFuture<Outcome>> calls = IntStream.range(0, 30).mapToObj(i -> increment(id)).toList();
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      List<Outcome> outcomes = calls.stream().map(CompletableFuture::join).toList();
      long acknowledged = outcomes.stream().filter(outcome -> outcome.value() != null).count();
      assertTrue(outcomes.stream().allMatch(o -> o.value() != null || o.code() == Status.Code.UNAVAILABLE),
          "every call got its value or UNAVAILABLE: " + outcomes);
      assertTrue(acknowledged < 30, "the stream's end failed some calls: " + outcomes);
      assertEquals(1 + acknowledged, get(id), "exactly the acknowledged increments are kept: " + outcomes);
    }
  }

  @Test
  void aUserFunctionThatStopsAnsweringGetsItsCallersUnavailableAndTheEntityStartsAgain() {
    userFunction.silent("mute", true);
    Outcome unanswered = increment("mute").join();
    assertEquals(Status.Code.UNAVAILABLE, unanswered.code(), "answered when the user function's time ran out");
    userFunction.silent("mute", false);
    CounterValue after = client.increment(IncrementRequest.newBuilder().setCounterId("mute").setBy(1).build())
        .toCompletableFuture().join();
    assertEquals(1, after.getValue(), "a new stream from the replica, without the unanswered increment");
  }
}
