package io.stateside.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.IncreaseRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many callers on one counter, each increasing it by one, call after call, as soon as its last
 * call is answered: one hot entity whose commands the proxy pipelines. It keeps score of what
 * was acknowledged, what is in doubt (a failed call may or may not have been stored) and the
 * values each caller saw. A caller stops at its first failure, after its calls, or when stopped.
 */
public final class HotEntityLoad {

  private final CounterServiceClient client;
  private final String counterId;
  private final int callsEach;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong inDoubt = new AtomicLong();
  private final List<List<Long>> seen = new ArrayList<>();
  private final List<CompletableFuture<Void>> callers = new ArrayList<>();

  private HotEntityLoad(CounterServiceClient client, String counterId, int callers, int callsEach) {
    this.client = client;
    this.counterId = counterId;
    this.callsEach = callsEach;
    for (int c = 0; c < callers; c++) {
      List<Long> values = Collections.synchronizedList(new ArrayList<>());
      seen.add(values);
      CompletableFuture<Void> done = new CompletableFuture<>();
      this.callers.add(done);
      call(values, 0, done);
    }
  }

  /** Starts the callers at once; none waits for another. */
  public static HotEntityLoad start(CounterServiceClient client, String counterId, int callers, int callsEach) {
    return new HotEntityLoad(client, counterId, callers, callsEach);
  }

  private void call(List<Long> values, int made, CompletableFuture<Void> done) {
    if (made == callsEach || stopping.get()) {
      done.complete(null);
      return;
    }
    client.increase(IncreaseRequest.newBuilder().setCounterId(counterId).setBy(1).build())
        .whenComplete((reply, error) -> {
          if (error != null) {
            inDoubt.incrementAndGet();
            done.complete(null);
          } else {
            values.add(reply.getValue());
            acknowledged.incrementAndGet();
            call(values, made + 1, done);
          }
        });
  }

  public void awaitAcknowledged(long count) {
    Await.until(count + " increases of " + counterId + " are acknowledged", Duration.ofSeconds(120),
        () -> acknowledged.get() >= count || finished());
    assertTrue(acknowledged.get() >= count, "the callers stopped after " + acknowledged.get() + " acknowledged increases");
  }

  /** Lets every caller finish its call under way, and waits until all have. */
  public HotEntityLoad stop() {
    stopping.set(true);
    return awaitFinished();
  }

  public HotEntityLoad awaitFinished() {
    CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
    return this;
  }

  private boolean finished() {
    return callers.stream().allMatch(CompletableFuture::isDone);
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long inDoubt() {
    return inDoubt.get();
  }

  /** Every caller saw its own increases take effect in the order it made them. */
  public void assertEachCallerSawItsIncreasesInOrder() {
    for (List<Long> values : seen) {
      synchronized (values) {
        for (int i = 1; i < values.size(); i++) {
          assertTrue(values.get(i) > values.get(i - 1), "one caller's replies come in order: " + values);
        }
      }
    }
  }

  /** No call failed, and the counter holds exactly every increase. */
  public void assertExact(long counterValue) {
    assertEquals(0, inDoubt.get(), "no call failed");
    assertEquals(acknowledged.get(), counterValue, "the counter holds exactly the acknowledged increases");
    assertEachCallerSawItsIncreasesInOrder();
  }

  /** Every acknowledged increase is in the counter, and nothing beyond the calls in doubt. */
  public void assertNothingAcknowledgedLost(long counterValue) {
    assertTrue(counterValue >= acknowledged.get(),
        counterValue + " lost acknowledged increases (" + acknowledged.get() + " acknowledged)");
    assertTrue(counterValue <= acknowledged.get() + inDoubt.get(), counterValue + " counts increases never sent ("
        + acknowledged.get() + " acknowledged, " + inDoubt.get() + " in doubt)");
    assertEachCallerSawItsIncreasesInOrder();
  }
}
