package io.stateside.cluster.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Steady load over many carts: each call adds a product of its own (quantity 1) to one cart, so
 * a cart's contents say exactly which calls were stored. Every acknowledged product must be in
 * its cart; a product whose call failed is in doubt (it may or may not have been stored); no other
 * product may ever appear. Clients go on after failures; the count of each is bounded.
 */
public final class CartLoad {

  private static final int MAX_CALLS_PER_CLIENT = 20_000;

  private final List<String> carts = new ArrayList<>();
  private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> inDoubt = new ConcurrentHashMap<>();
  private final Map<Status.Code, AtomicLong> failures = new ConcurrentHashMap<>();
  private final AtomicLong totalAcknowledged = new AtomicLong();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> clients = new ArrayList<>();

  public CartLoad(int cartCount) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < cartCount; i++) {
      String cart = "cart-" + i + "-" + run;
      carts.add(cart);
      acknowledged.put(cart, ConcurrentHashMap.newKeySet());
      inDoubt.put(cart, ConcurrentHashMap.newKeySet());
    }
  }

  public List<String> carts() {
    return List.copyOf(carts);
  }

  /** Starts the clients; each takes the calls of a node from {@code target} for every call. */
  public void start(Supplier<CartCalls> target, int clientCount, Duration pause) {
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      Thread thread = new Thread(() -> run(target, client, pause), "cart-load-" + c);
      thread.start();
      clients.add(thread);
    }
  }

  private void run(Supplier<CartCalls> target, int client, Duration pause) {
    for (int call = 0; call < MAX_CALLS_PER_CLIENT && !stopping.get(); call++) {
      String cart = carts.get((client * 7 + call) % carts.size());
      String product = "p-" + client + "-" + call;
      try {
        target.get().add(cart, product);
        acknowledged.get(cart).add(product);
        totalAcknowledged.incrementAndGet();
      } catch (RuntimeException failed) {
        inDoubt.get(cart).add(product);
        failures.computeIfAbsent(CartCalls.code(failed), code -> new AtomicLong()).incrementAndGet();
      }
      if (!pause.isZero()) {
        ClusterNode.sleep(pause.toMillis());
      }
    }
  }

  public void awaitAcknowledged(long count, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (totalAcknowledged.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " adds were not acknowledged within " + limit + " (" + totalAcknowledged.get()
            + " were; failures " + failures + ")");
      }
      ClusterNode.sleep(100);
    }
  }

  /** Stops the clients and waits for their last calls, which end by the client deadline at most. */
  public void stop() throws InterruptedException {
    stopping.set(true);
    for (Thread client : clients) {
      client.join(Duration.ofMinutes(2).toMillis());
      assertTrue(!client.isAlive(), client.getName() + " finished");
    }
  }

  public long totalAcknowledged() {
    return totalAcknowledged.get();
  }

  /** Failed calls by status. */
  public Map<Status.Code, Long> failures() {
    Map<Status.Code, Long> copy = new java.util.TreeMap<>();
    failures.forEach((code, count) -> copy.put(code, count.get()));
    return copy;
  }

  public Set<String> acknowledged(String cart) {
    return Set.copyOf(acknowledged.get(cart));
  }

  /** The cart holds every acknowledged product once, and nothing that was never sent. */
  public void assertCart(String cart, Map<String, Integer> lines) {
    for (String product : acknowledged.get(cart)) {
      assertEquals(Integer.valueOf(1), lines.get(product), cart + " lost the acknowledged product " + product);
    }
    for (Map.Entry<String, Integer> line : lines.entrySet()) {
      assertTrue(acknowledged.get(cart).contains(line.getKey()) || inDoubt.get(cart).contains(line.getKey()),
          cart + " holds " + line.getKey() + ", which no call added");
      assertEquals(1, line.getValue(), cart + " holds " + line.getKey() + " more than once");
    }
  }
}
