package io.stateside.proxy.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counterevents.CounterEventsProto;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Received;
import io.stateside.proxy.testing.ProxyHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    // The proxy counts a delivery once the subscriber's answer is back, a moment after the subscriber saw it.
    String delivered = "stateside_subscription_events_total{outcome=\"delivered\",subscription=\""
        + CounterEventsProto.getDescriptor().findServiceByName("CounterEvents").getFullName() + "@event-log:counter\"} 200.0";
    Await.until("the metrics count 200 deliveries", () -> scrapeMetrics().contains(delivered));
    assertTrue(scrapeMetrics().contains("stateside_subscription_lag_seconds_count{subscription="), "no lag histogram");
  }

  private String scrapeMetrics() {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<Long> oneTo(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
  }
}
