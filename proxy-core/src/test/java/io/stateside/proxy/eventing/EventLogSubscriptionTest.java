package io.stateside.proxy.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Received;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An action subscribed to an event log, through the real proxy on the memory store. */
class EventLogSubscriptionTest {

  private JavaCounterWithSubscriber userFunction;
  private StatesideProxy proxy;
  private ActorSystem clientSystem;

  @AfterEach
  void stop() {
    ProxyHarness.stop(proxy);
    if (clientSystem != null) {
      TestKit.shutdownActorSystem(clientSystem);
    }
    if (userFunction != null) {
      userFunction.close();
    }
  }

  @Test
  void everyEventReachesTheSubscriberInEachEntitysOrderWithItsCloudEventAttributes() {
    userFunction = new JavaCounterWithSubscriber(0);
    proxy = ProxyHarness.start(userFunction.port(), Map.of());
    clientSystem = ActorSystem.create("client");
    CounterServiceClient client = ProxyHarness.counterClient(proxy, clientSystem);

    int counters = 20;
    int increases = 10;
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int round = 1; round <= increases; round++) {
      int by = round;
      IntStream.range(0, counters).forEach(c -> calls.add(client.increase(IncreaseRequest.newBuilder()
          .setCounterId("c" + c).setBy(by).build()).toCompletableFuture()));
      calls.forEach(CompletableFuture::join);
    }

    Await.until("the subscriber got every event", Duration.ofSeconds(60),
        () -> userFunction.received().size() >= counters * increases);
    Map<String, List<Received>> byCounter = userFunction.received().stream()
        .collect(Collectors.groupingBy(Received::counterId));
    assertEquals(counters, byCounter.size());
    byCounter.forEach((counter, events) -> {
      assertEquals(oneTo(increases), events.stream().map(Received::sequence).toList(), counter);
      assertEquals(oneTo(increases), events.stream().map(Received::by).toList(), counter);
      assertEquals(counter + "/1", events.get(0).id());
    });
  }

  private static List<Long> oneTo(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
  }
}
