package io.stateside.proxy.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Sink;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.crdtcounter.Consistency;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterServiceClient;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CrdtCounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRDT entities on one proxy node, beside a user function written against the protocol. */
class CrdtEntityTest {

  private ActorSystem userSide;
  private CrdtCounterUserFunction userFunction;
  private StatesideProxy proxy;
  private CrdtCounterServiceClient client;

  private void start(CrdtCounterUserFunction function) {
    start(function, Map.of());
  }

  private void start(CrdtCounterUserFunction function, Map<String, Object> proxySettings) {
    userFunction = function;
    proxy = ProxyHarness.start(userFunction.port(), proxySettings);
    client = CrdtCounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide).withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        userSide);
  }

  private void start() {
    userSide = ProxyHarness.userSideSystem();
    start(CrdtCounterUserFunction.start(userSide));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    ProxyHarness.stop(proxy);
    if (userFunction != null) {
      userFunction.close();
    }
    if (userSide != null) {
      userSide.terminate();
    }
  }

  private long increment(String id, long by, Consistency consistency) {
    return client.increment(IncrementRequest.newBuilder().setCounterId(id).setBy(by).setConsistency(consistency).build())
        .toCompletableFuture().join().getValue();
  }

  private long get(String id) {
    return client.get(CounterRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue();
  }

  @Test
  void incrementsAreAnsweredWithTheValueAndEveryWriteConsistencyWorksOnOneNode() {
    start();
    assertEquals(0, get("c1"));
    assertEquals(2, increment("c1", 2, Consistency.LOCAL));
    assertEquals(5, increment("c1", 3, Consistency.MAJORITY));
    assertEquals(9, increment("c1", 4, Consistency.ALL));
    assertEquals(9, get("c1"));
    assertEquals(0, get("c2"), "another entity has its own state");
  }

  @Test
  void concurrentCallersAreEachCountedExactlyOnce() {
    start();
    List<CompletableFuture<CounterValue>> calls = IntStream.range(0, 64 * 10)
        .mapToObj(i -> client.increment(IncrementRequest.newBuilder().setCounterId("hot").setBy(1).build())
            .toCompletableFuture())
        .toList();
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    assertEquals(640, get("hot"));
    // Every caller saw a distinct value: the increments were applied one after the other.
    assertEquals(640, calls.stream().map(CompletableFuture::join).map(CounterValue::getValue).distinct().count());
  }

  @Test
  void aPassivatedEntityStartsAgainWithItsStateInTheInit() {
    userSide = ProxyHarness.userSideSystem();
    start(CrdtCounterUserFunction.start(userSide, Duration.ofMillis(200)));
    increment("p", 7, Consistency.LOCAL);
    Await.until("the entity passivated and its stream closed", () -> userFunction.streamsClosed("p") == 1);
    assertEquals(7, get("p"));
    CrdtStreamIn lastInit = userFunction.received("p").stream().filter(CrdtStreamIn::hasInit)
        .reduce((first, second) -> second).orElseThrow();
    assertEquals(7, lastInit.getInit().getDelta().getGcounter().getIncrement());
    assertEquals(2, userFunction.received("p").stream().filter(CrdtStreamIn::hasInit).count());
  }

  @Test
  void aWatchStreamsEveryChangeAndEndsWhereTheUserFunctionEndsIt() {
    start();
    List<Long> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<?> watch = client.watch(CounterRequest.newBuilder().setCounterId("w").setUntil(3).build())
        .runWith(Sink.foreach(value -> seen.add(value.getValue())), userSide).toCompletableFuture();
    Await.until("the watch is open", () -> !seen.isEmpty());
    increment("w", 1, Consistency.LOCAL);
    increment("w", 2, Consistency.LOCAL);
    watch.join();
    assertEquals(List.of(0L, 1L, 3L), seen);
  }

  @Test
  void aWatchOutlivesTheCallDeadlineWhichBindsOnlyItsFirstReply() {
    userSide = ProxyHarness.userSideSystem();
    start(CrdtCounterUserFunction.start(userSide), Map.of("stateside.proxy.request-timeout", "1s"));
    CrdtCounterServiceClient noDeadline = CrdtCounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide).withTls(false), userSide);
    try {
      List<Long> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<?> watch = noDeadline.watch(CounterRequest.newBuilder().setCounterId("long").setUntil(1).build())
          .runWith(Sink.foreach(value -> seen.add(value.getValue())), userSide).toCompletableFuture();
      Await.until("the watch is open", () -> !seen.isEmpty());
      long opened = System.nanoTime();
      Await.until("three times the call deadline has passed",
          () -> System.nanoTime() - opened > Duration.ofSeconds(3).toNanos());
      assertEquals(1, increment("long", 1, Consistency.LOCAL));
      watch.join();
      assertEquals(List.of(0L, 1L), seen, "the watch was still open and saw the change");
    } finally {
      noDeadline.close();
    }
  }

  @Test
  void aClientThatCancelsItsWatchReachesTheUserFunctionAsStreamCancelled() {
    start();
    List<Long> seen = new CopyOnWriteArrayList<>();
    akka.stream.UniqueKillSwitch kill = client.watch(CounterRequest.newBuilder().setCounterId("cw").build())
        .viaMat(akka.stream.KillSwitches.single(), akka.stream.javadsl.Keep.right())
        .to(Sink.foreach(value -> seen.add(value.getValue())))
        .run(userSide);
    Await.until("the watch is open", () -> !seen.isEmpty());
    kill.shutdown();
    Await.until("the user function was told of the cancellation",
        () -> userFunction.received("cw").stream().anyMatch(CrdtStreamIn::hasStreamCancelled));
    Await.until("the side effect of the user function's answer ran", () -> get("cancels-cw") == 1);
    assertEquals(1, increment("cw", 1, Consistency.LOCAL), "the entity goes on serving calls");
  }

  @Test
  void aDeletedEntityRefusesEveryLaterCallEvenAfterItPassivated() {
    userSide = ProxyHarness.userSideSystem();
    start(CrdtCounterUserFunction.start(userSide, Duration.ofMillis(200)));
    increment("d", 5, Consistency.LOCAL);
    client.delete(CounterRequest.newBuilder().setCounterId("d").build()).toCompletableFuture().join();
    assertDeleted("d");
    Await.until("the deleted entity passivated", () -> entityActor("d").isEmpty());
    assertDeleted("d");
    assertEquals(1, increment("other", 1, Consistency.LOCAL), "other entities are untouched");
  }

  @Test
  void anEntityWithAnOpenWatchIsNotPassivated() {
    userSide = ProxyHarness.userSideSystem();
    start(CrdtCounterUserFunction.start(userSide, Duration.ofMillis(200)));
    List<Long> seen = new CopyOnWriteArrayList<>();
    client.watch(CounterRequest.newBuilder().setCounterId("kept").setUntil(2).build())
        .runWith(Sink.foreach(value -> seen.add(value.getValue())), userSide);
    Await.until("the watch is open", () -> !seen.isEmpty());
    increment("idle", 1, Consistency.LOCAL);
    Await.until("an entity without a watch passivated meanwhile", () -> userFunction.streamsClosed("idle") == 1);
    assertEquals(0, userFunction.streamsClosed("kept"), "the watched entity kept its stream");
    increment("kept", 2, Consistency.LOCAL);
    Await.until("the watch saw the change and ended", () -> seen.equals(List.of(0L, 2L)));
  }

  private void assertDeleted(String id) {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> {
      try {
        get(id);
      } catch (CompletionException e) {
        throw e.getCause();
      }
    });
    assertEquals(Status.Code.UNKNOWN, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("deleted"), refused.getStatus().getDescription());
  }

  /** The entity's actor on the proxy, if it runs. */
  private Optional<ActorRef> entityActor(String id) {
    try {
      return Optional.of(proxy.system().actorSelection("/user/crdt-" + CrdtCounterUserFunction.SERVICE + "/" + id)
          .resolveOne(Duration.ofSeconds(5)).toCompletableFuture().join());
    } catch (CompletionException notRunning) {
      return Optional.empty();
    }
  }

  @Test
  void aStreamFailureFailsItsCommandAndTheEntityGoesOnFromItsReplica() {
    start();
    increment("f", 4, Consistency.LOCAL);
    userFunction.failNextIncrement("f");
    CompletionException failed = assertThrows(CompletionException.class, () -> increment("f", 1, Consistency.LOCAL));
    StatusRuntimeException status = (StatusRuntimeException) failed.getCause();
    assertEquals(Status.Code.UNKNOWN, status.getStatus().getCode());
    assertEquals("the counter broke", status.getStatus().getDescription());
    assertEquals(4, get("f"), "the next stream starts from the replica, which kept every acknowledged increment");
    assertEquals(6, increment("f", 2, Consistency.LOCAL));
  }
}
