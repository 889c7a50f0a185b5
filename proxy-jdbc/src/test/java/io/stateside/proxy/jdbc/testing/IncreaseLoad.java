package io.stateside.proxy.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.proxy.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many clients increasing many counters by one, keeping score of what was acknowledged and what is
 * in doubt (a failed call may or may not have been stored). Each client stops at its first failure,
 * after a bounded number of calls, or when the test stops the load.
 */
public final class IncreaseLoad {

  private static final int MAX_CALLS_PER_CLIENT = 5_000;

  private final List<String> ids = new ArrayList<>();
  private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> inDoubt = new ConcurrentHashMap<>();
  private final Map<String, Set<Long>> acknowledgedValues = new ConcurrentHashMap<>();
  private final AtomicLong totalAcknowledged = new AtomicLong();
  private final AtomicLong totalInDoubt = new AtomicLong();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> clients = new ArrayList<>();

  public IncreaseLoad(int entities) {
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < entities; i++) {
      ids.add("load-" + i + "-" + run);
    }
  }

  /** Starts the clients, all sharing one connection's calls. */
  public void start(CounterCalls calls, int clientCount) {
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      Thread thread = new Thread(() -> run(calls, client), "load-client-" + c);
      thread.start();
      clients.add(thread);
    }
  }

  private void run(CounterCalls calls, int client) {
    for (int call = 0; call < MAX_CALLS_PER_CLIENT && !stopping.get(); call++) {
      String id = ids.get((client * 7 + call) % ids.size());
      try {
        long value = calls.increase(id, 1);
        acknowledged.computeIfAbsent(id, k -> new LongAdder()).increment();
        acknowledgedValues.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(value);
        totalAcknowledged.incrementAndGet();
      } catch (RuntimeException failed) {
        // The proxy is going away: this call is in doubt, and the client stops, as the stop
        // under test is the only failure expected here.
        inDoubt.computeIfAbsent(id, k -> new LongAdder()).increment();
        totalInDoubt.incrementAndGet();
        return;
      }
    }
  }

  public void awaitAcknowledged(long count) {
    Await.until(count + " increases are acknowledged", Duration.ofSeconds(180), () -> totalAcknowledged.get() >= count);
  }

  /** Stops the clients and waits for them; their last calls end by the client deadline. */
  public void stop() throws InterruptedException {
    stopping.set(true);
    for (Thread client : clients) {
      client.join(CounterCalls.DEADLINE.multipliedBy(4).toMillis());
      assertTrue(!client.isAlive(), client.getName() + " finished");
    }
  }

  /** Every acknowledged increase is in the counter, and nothing that was never sent. */
  public void assertReflectedIn(CounterCalls calls) {
    for (String id : ids) {
      long acked = count(acknowledged, id);
      long doubtful = count(inDoubt, id);
      long value = calls.get(id);
      assertTrue(value >= acked, id + " = " + value + " lost acknowledged increases (" + acked + " acknowledged)");
      assertTrue(value <= acked + doubtful, id + " = " + value + " counts increases never sent ("
          + acked + " acknowledged, " + doubtful + " in doubt)");
    }
  }

  /** The values the acknowledged increases of a counter answered (with increases by 1: their events' numbers). */
  public Set<Long> acknowledgedValues(String id) {
    return Set.copyOf(acknowledgedValues.getOrDefault(id, Set.of()));
  }

  /** The counters the clients increase. */
  public List<String> ids() {
    return List.copyOf(ids);
  }

  public long totalAcknowledged() {
    return totalAcknowledged.get();
  }

  public long totalInDoubt() {
    return totalInDoubt.get();
  }

  private static long count(Map<String, LongAdder> counts, String id) {
    LongAdder adder = counts.get(id);
    return adder == null ? 0 : adder.sum();
  }
}
