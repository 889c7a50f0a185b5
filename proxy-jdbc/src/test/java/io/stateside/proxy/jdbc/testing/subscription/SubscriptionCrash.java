package io.stateside.proxy.jdbc.testing.subscription;

import akka.actor.ActorSystem;
import akka.projection.ProjectionId;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.IncreaseLoad;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.jdbc.testing.subscription.DeliveryAudit.Delivery;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-log subscription across a crash: a java-support action subscribed to the counters'
 * event log (in this JVM, recording each delivery) while 16 clients increase 1,000 counters
 * through the store's proxy, a process of its own; the proxy is killed with SIGKILL while events
 * are being delivered, and started again on the same store; each counter is increased once more,
 * and the subscriber must get every event, as {@link DeliveryAudit} checks (on a store that may
 * lose events whose command was in doubt at the crash, every acknowledged one, and those others
 * that do not come are counted).
 */
public final class SubscriptionCrash {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionCrash.class);

  /** The subscription: the counter's event log, consumed by the CounterEvents service. */
  public static final ProjectionId SUBSCRIPTION =
      ProjectionId.of("stateside.example.counterevents.CounterEvents", "counter");
  private static final String TAG = "counter";

  private static final int COUNTERS = 1_000;
  private static final int CLIENTS = 16;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 4_000;
  private static final int DELIVERED_BEFORE_KILL = 1_000;
  private static final int LAST_INCREASES_IN_FLIGHT = 64;
  /** What the user function may still finish of what the killed proxy sent it. */
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration DELIVERY_LIMIT = Duration.ofMinutes(5);
  /** How long events that may be lost get, after all the others came, before they count as lost. */
  private static final Duration TOLERATED_WAIT = Duration.ofSeconds(30);

  private SubscriptionCrash() {
  }

  public static DeliveryAudit.Result run(SubscriptionStore store, ActorSystem clientSystem) throws InterruptedException {
    try (JavaCounterWithSubscriber userFunction = new JavaCounterWithSubscriber(0)) {
      IncreaseLoad load = new IncreaseLoad(COUNTERS);
      try (ProxyProcess proxy = store.startProxy(userFunction.port());
           CounterCalls calls = new CounterCalls(proxy.port(), clientSystem)) {
        load.start(calls, CLIENTS);
        load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_KILL);
        Await.until(DELIVERED_BEFORE_KILL + " events are delivered", DELIVERY_LIMIT,
            () -> userFunction.receivedCount() >= DELIVERED_BEFORE_KILL);
        proxy.kill();
        load.stop();
      }
      Thread.sleep(SETTLE.toMillis());
      int split = userFunction.receivedCount();
      log.info("{}: proxy killed with {} increases acknowledged, {} in doubt, {} events delivered", store.name(),
          load.totalAcknowledged(), load.totalInDoubt(), split);

      Set<String> tail = store.eventsAfterCommittedOffset(SUBSCRIPTION, TAG);
      Map<String, Long> lastSequence;
      Set<String> tolerated;
      try (ProxyProcess proxy = store.startProxy(userFunction.port());
           CounterCalls calls = new CounterCalls(proxy.port(), clientSystem)) {
        // Each counter's value is its number of events (all increases are by 1), so the reply to
        // one more increase is the number of its last event.
        lastSequence = increaseEachOnce(calls, load.ids());
        tolerated = store.mayLoseEventsInDoubt() ? unacknowledged(load, lastSequence) : Set.of();
        awaitDeliveries(userFunction, lastSequence, tolerated, tail, proxy);
      }
      List<Delivery> all = deliveries(userFunction.received());
      DeliveryAudit.Result result = DeliveryAudit.check(all.subList(0, split), all.subList(split, all.size()),
          lastSequence, tail, tolerated);
      log.info("{}: {}", store.name(), result.describe());
      System.out.println("EVENT-LOG SUBSCRIPTION ACROSS SIGKILL on " + store.name() + ": " + result.describe());
      return result;
    }
  }

  /** Waits for every event but the tolerated ones, then a while longer for those. */
  private static void awaitDeliveries(JavaCounterWithSubscriber userFunction, Map<String, Long> lastSequence,
      Set<String> tolerated, Set<String> tail, ProxyProcess proxy) {
    long events = lastSequence.values().stream().mapToLong(Long::longValue).sum();
    try {
      Await.until("every event is delivered", DELIVERY_LIMIT, () -> userFunction.receivedCount() >= events - tolerated.size()
          && tolerated.containsAll(DeliveryAudit.undelivered(deliveries(userFunction.received()), lastSequence)));
    } catch (AssertionError notAll) {
      throw new AssertionError(notAll.getMessage() + "; missing: "
          + DeliveryAudit.missing(deliveries(userFunction.received()), lastSequence, tail)
          + "\nthe restarted proxy's warnings:\n" + warnings(proxy.log()), notAll);
    }
    if (!tolerated.isEmpty()) {
      try {
        Await.until("the events in doubt are delivered too", TOLERATED_WAIT, () ->
            DeliveryAudit.undelivered(deliveries(userFunction.received()), lastSequence).isEmpty());
      } catch (AssertionError someNever) {
        log.warn("Events in doubt at the crash never delivered: {}\nthe restarted proxy's warnings:\n{}",
            DeliveryAudit.missing(deliveries(userFunction.received()), lastSequence, tail), warnings(proxy.log()));
      }
    }
  }

  /** The events stored but never acknowledged: those of increases in doubt when the proxy was killed. */
  private static Set<String> unacknowledged(IncreaseLoad load, Map<String, Long> lastSequence) {
    Set<String> unacknowledged = new HashSet<>();
    lastSequence.forEach((id, last) -> {
      Set<Long> acknowledged = load.acknowledgedValues(id);
      // The last event is the one of the increase after the restart, acknowledged.
      for (long sequence = 1; sequence < last; sequence++) {
        if (!acknowledged.contains(sequence)) {
          unacknowledged.add(id + "/" + sequence);
        }
      }
    });
    return unacknowledged;
  }

  private static Map<String, Long> increaseEachOnce(CounterCalls calls, List<String> ids) {
    Map<String, Long> values = new HashMap<>();
    for (int start = 0; start < ids.size(); start += LAST_INCREASES_IN_FLIGHT) {
      List<String> batch = ids.subList(start, Math.min(ids.size(), start + LAST_INCREASES_IN_FLIGHT));
      List<CompletableFuture<CounterValue>> replies = new ArrayList<>();
      for (String id : batch) {
        replies.add(calls.client().increase(IncreaseRequest.newBuilder().setCounterId(id).setBy(1).build())
            .toCompletableFuture());
      }
      for (int i = 0; i < batch.size(); i++) {
        values.put(batch.get(i), replies.get(i).join().getValue());
      }
    }
    return values;
  }

  private static String warnings(String log) {
    List<String> lines = log.lines().filter(line -> line.contains("WARN") || line.contains("ERROR")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static List<Delivery> deliveries(List<Received> received) {
    return received.stream().map(event -> new Delivery(event.counterId(), event.sequence())).toList();
  }
}
