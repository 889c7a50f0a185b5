package io.stateside.proxy.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import akka.testkit.javadsl.TestKit;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.memory.MemoryProjectionStore;
import io.stateside.proxy.memory.MemoryStore;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Options;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Received;
import io.stateside.proxy.testing.LogCapture;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an event-log subscription does when delivery goes wrong, and with several consumers,
 * through the real proxy on the memory store and a java-support user function.
 */
class EventLogDeliveryTest {

  private static final String EVENT_LOG = "counter";
  private static final ProjectionId COUNTER_EVENTS =
      ProjectionId.of("stateside.example.counterevents.CounterEvents", EVENT_LOG);
  private static final ProjectionId COUNTER_AUDIT = ProjectionId.of("counter-audit", EVENT_LOG);
  private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(60);

  private final List<JavaCounterWithSubscriber> userFunctions = new ArrayList<>();
  private StatesideProxy proxy;
  private ActorSystem clientSystem;
  private CounterServiceClient client;

  @AfterEach
  void stop() {
    ProxyHarness.stop(proxy);
    if (clientSystem != null) {
      TestKit.shutdownActorSystem(clientSystem);
    }
    userFunctions.forEach(JavaCounterWithSubscriber::close);
  }

  @Test
  void aRefusedEventIsDeliveredAgainFromTheLastOffsetAndNothingIsLost() {
    // c3's fourth event is refused twice, then taken.
    JavaCounterWithSubscriber userFunction = start(Options.onPort(0).refusing((event, attempt) ->
        event.id().equals("c3/4") && attempt <= 2), Map.of());

    increaseAll(10, 1, 3);
    awaitDelivered(userFunction, 10, 3);
    // Once the offset is past the first events, they are never delivered again.
    awaitOffsetAtEnd(COUNTER_EVENTS);
    int before = userFunction.receivedCount();

    increaseAll(10, 4, 6);
    awaitDelivered(userFunction, 10, 6);

    assertEquals(List.of("c3/4", "c3/4"), userFunction.refused().stream().map(Received::id).toList());
    List<Received> earlier = userFunction.received().subList(0, before);
    List<Received> later = userFunction.received().subList(before, userFunction.receivedCount());
    assertTrue(later.stream().allMatch(event -> event.sequence() >= 4),
        "after the restarts, only events after the last offset came: " + later);
    assertEquals(30, earlier.size());
    firstDeliveries(userFunction.received()).forEach((counter, sequences) ->
        assertEquals(oneTo(6), sequences, counter + ": each event once at least, in order"));
  }

  @Test
  void anUnreachableUserFunctionIsWaitedForAndGetsEveryEventOnceItIsBack() {
    try (LogCapture log = new LogCapture()) {
      JavaCounterWithSubscriber refusingAll = start(Options.onPort(0).refusing((event, attempt) -> true), Map.of());
      int port = refusingAll.port();
      increaseAll(5, 1, 4);
      Await.until("the subscriber refused an event", DELIVERY_LIMIT, () -> !refusingAll.refused().isEmpty());

      refusingAll.close();
      userFunctions.remove(refusingAll);
      Await.until("a delivery failed as UNAVAILABLE", DELIVERY_LIMIT, () -> log.linesContaining("UNAVAILABLE").stream()
          .anyMatch(line -> line.contains("did not take event")));

      JavaCounterWithSubscriber back = new JavaCounterWithSubscriber(Options.onPort(port));
      userFunctions.add(back);
      awaitDelivered(back, 5, 4);
      // Nothing was taken before, so the offset never moved: each event comes once, in order.
      Map<String, List<Long>> byCounter = sequencesByCounter(back.received());
      assertEquals(5, byCounter.size());
      byCounter.forEach((counter, sequences) -> assertEquals(oneTo(4), sequences, counter));
    }
  }

  @Test
  void withSkipFailedOnARefusedEventIsPassedOverAndTheRestDelivered() {
    JavaCounterWithSubscriber userFunction = start(Options.onPort(0).refusing((event, attempt) ->
        event.id().equals("c2/3")), Map.of("stateside.proxy.eventing.skip-failed", "on"));

    increaseAll(5, 1, 5);
    Await.until("every other event is delivered", DELIVERY_LIMIT, () -> userFunction.receivedCount() >= 24);

    assertEquals(List.of("c2/3"), userFunction.refused().stream().map(Received::id).toList(), "refused once, not retried");
    Map<String, List<Long>> byCounter = sequencesByCounter(userFunction.received());
    byCounter.forEach((counter, sequences) ->
        assertEquals(counter.equals("c2") ? List.of(1L, 2L, 4L, 5L) : oneTo(5), sequences, counter));
  }

  @Test
  void eventsOfATypeNoMethodTakesArePassedOver() {
    JavaCounterWithSubscriber userFunction = start(Options.onPort(0), Map.of());

    // Increases by 0 are stored as NothingAdded, which CounterEvents has no method for.
    List<Long> amounts = List.of(1L, 0L, 2L, 0L, 0L, 3L);
    for (long by : amounts) {
      join(IntStream.range(0, 5).mapToObj(c -> increase("c" + c, by)).toList());
    }

    Await.until("every Increased event is delivered", DELIVERY_LIMIT, () -> userFunction.receivedCount() >= 15);
    Map<String, List<Received>> byCounter = userFunction.received().stream()
        .collect(Collectors.groupingBy(Received::counterId));
    assertEquals(5, byCounter.size());
    byCounter.forEach((counter, events) -> {
      assertEquals(List.of(1L, 3L, 6L), events.stream().map(Received::sequence).toList(), counter);
      assertEquals(List.of(1L, 2L, 3L), events.stream().map(Received::by).toList(), counter);
    });
    // Passed over, not stuck: the offset reaches the last event written.
    awaitOffsetAtEnd(COUNTER_EVENTS);
  }

  @Test
  void twoConsumerGroupsEachGetEveryEventAndKeepTheirOwnOffsets() {
    // CounterEvents refuses c1's second event the first time, and until CounterAudit has every
    // event: the audit's progress does not wait for the other group. (The first refusal makes sure
    // CounterEvents is held up even when its subscription starts after the audit has finished.)
    JavaCounterWithSubscriber[] self = new JavaCounterWithSubscriber[1];
    JavaCounterWithSubscriber userFunction = start(Options.onPort(0).withAudit().refusing((event, attempt) ->
        event.id().equals("c1/2") && (attempt == 1 || self[0].audited().size() < 40)), Map.of());
    self[0] = userFunction;

    increaseAll(10, 1, 4);
    awaitDelivered(userFunction, 10, 4);
    Await.until("the audit got every event", DELIVERY_LIMIT, () -> userFunction.audited().size() >= 40);

    assertTrue(!userFunction.refused().isEmpty(), "CounterEvents was held up while the audit went on");
    firstDeliveries(userFunction.received()).forEach((counter, sequences) -> assertEquals(oneTo(4), sequences, counter));
    Map<String, List<Long>> audited = sequencesByCounter(userFunction.audited());
    assertEquals(10, audited.size());
    audited.forEach((counter, sequences) -> assertEquals(oneTo(4), sequences, counter));
    awaitOffsetAtEnd(COUNTER_EVENTS);
    awaitOffsetAtEnd(COUNTER_AUDIT);
  }

  @Test
  void aLongRunOfOneEntitysEventsDoesNotHoldUpTheEntitiesBehindIt() {
    // The hot counter's first event is refused until an event of the cold counter, written after
    // all 40 of hot's, has been delivered: a subscription that read only as far ahead as it
    // delivers at once (eventing.parallelism, 16) would never get to it.
    JavaCounterWithSubscriber[] self = new JavaCounterWithSubscriber[1];
    JavaCounterWithSubscriber userFunction = start(Options.onPort(0).refusing((event, attempt) ->
        event.id().equals("hot/1") && self[0].received().stream().noneMatch(taken -> taken.counterId().equals("cold"))),
        Map.of());
    self[0] = userFunction;

    for (int i = 0; i < 40; i++) {
      increase("hot", 1).join();
    }
    increase("cold", 1).join();

    Await.until("hot's 40 events and cold's one are delivered", DELIVERY_LIMIT, () -> {
      Map<String, List<Long>> delivered = firstDeliveries(userFunction.received());
      return delivered.getOrDefault("hot", List.of()).size() == 40 && delivered.containsKey("cold");
    });
    // hot's first event is taken only after cold's (and refused before, unless cold's came first).
    assertEquals(oneTo(40), firstDeliveries(userFunction.received()).get("hot"), "hot's events in order");
  }

  private JavaCounterWithSubscriber start(Options options, Map<String, Object> overrides) {
    JavaCounterWithSubscriber userFunction = new JavaCounterWithSubscriber(options);
    userFunctions.add(userFunction);
    Map<String, Object> settings = new HashMap<>(overrides);
    settings.put("akka.projection.restart-backoff.min-backoff", "200ms");
    settings.put("akka.projection.restart-backoff.max-backoff", "1s");
    proxy = ProxyHarness.start(userFunction.port(), settings);
    clientSystem = ActorSystem.create("client");
    client = ProxyHarness.counterClient(proxy, clientSystem);
    return userFunction;
  }

  /** Increases counters c0..c(counters-1) by 1, one round per event number in [from, to]. */
  private void increaseAll(int counters, int from, int to) {
    for (int round = from; round <= to; round++) {
      join(IntStream.range(0, counters).mapToObj(c -> increase("c" + c, 1)).toList());
    }
  }

  private CompletableFuture<?> increase(String counter, long by) {
    return client.increase(IncreaseRequest.newBuilder().setCounterId(counter).setBy(by).build()).toCompletableFuture();
  }

  private static void join(List<? extends CompletableFuture<?>> calls) {
    calls.forEach(CompletableFuture::join);
  }

  /** Waits until every counter's events 1..last have reached CounterEvents at least once. */
  private static void awaitDelivered(JavaCounterWithSubscriber userFunction, int counters, int last) {
    Set<String> expected = IntStream.range(0, counters).boxed()
        .flatMap(c -> IntStream.rangeClosed(1, last).mapToObj(n -> "c" + c + "/" + n))
        .collect(Collectors.toSet());
    Await.until("every event up to number " + last + " is delivered", DELIVERY_LIMIT, () ->
        userFunction.received().stream().map(Received::id).collect(Collectors.toSet()).containsAll(expected));
  }

  /** Waits until the subscription has saved the offset of the last event written. */
  private void awaitOffsetAtEnd(ProjectionId subscription) {
    MemoryProjectionStore offsets = new MemoryProjectionStore(Adapter.toTyped(proxy.system()));
    Offset end = Offset.sequence(MemoryStore.get(proxy.system()).lastOrdering());
    Await.until(subscription + " saved the offset of the last event", DELIVERY_LIMIT, () ->
        offsets.read(subscription).toCompletableFuture().join().equals(Optional.of(end)));
  }

  /** Each counter's event numbers, in the order they first came. */
  private static Map<String, List<Long>> firstDeliveries(List<Received> received) {
    return sequencesByCounter(received).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        entry -> entry.getValue().stream().distinct().toList()));
  }

  private static Map<String, List<Long>> sequencesByCounter(List<Received> received) {
    return received.stream().collect(Collectors.groupingBy(Received::counterId,
        Collectors.mapping(Received::sequence, Collectors.toList())));
  }

  private static List<Long> oneTo(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
