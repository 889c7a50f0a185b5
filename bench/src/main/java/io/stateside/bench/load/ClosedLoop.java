package io.stateside.bench.load;

import io.grpc.Status;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.protocol.CounterReply;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RunPlan} as a closed loop: {@code inFlight} requests are outstanding at any time,
 * and each answer sends the next request. Latency is measured from sending a request to its
 * answer, so it includes any wait in queues on the way (but, as in any closed loop, not the time
 * a request would have waited to be sent had the load been open). One instance runs once.
 */
public final class ClosedLoop {

  private static final Logger log = LoggerFactory.getLogger(ClosedLoop.class);

  /** A completion that runs straight inside {@code send} hands the next send to another thread past this depth. */
  private static final int MAX_NESTING = 32;

  private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

  private final RunPlan plan;
  private final CounterTarget target;
  private final ResourceMonitor monitor;
  private final Duration drainTimeout;

  private final Recorder latency = new Recorder(3);
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder freshActivations = new LongAdder();
  private final LongAdder wrongValues = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicLong lastCompletion = new AtomicLong();
  private final LongAdder outstanding = new LongAdder();
  private CountDownLatch slotsDone;
  private long windowStart;
  private long windowEnd;

  /**
   * @param drainTimeout once sending has stopped, how long to go without any answer before the
   *     outstanding requests are given up as unfinished
   */
  public ClosedLoop(RunPlan plan, CounterTarget target, ResourceMonitor monitor, Duration drainTimeout) {
    this.plan = plan;
    this.target = target;
    this.monitor = monitor;
    this.drainTimeout = drainTimeout;
  }

  public RunResult run() throws InterruptedException {
    long start = System.nanoTime();
    windowStart = start + plan.warmup().toNanos();
    windowEnd = plan.duration().map(d -> windowStart + d.toNanos()).orElse(Long.MAX_VALUE);
    lastCompletion.set(start);
    slotsDone = new CountDownLatch(plan.inFlight());
    ResourceMonitor.Snapshot before = monitor.snapshot();
    for (int slot = 0; slot < plan.inFlight(); slot++) {
      sendNext();
    }
    ResourceMonitor.Snapshot after;
    double seconds;
    if (plan.duration().isPresent()) {
      sleepUntil(windowStart);
      before = monitor.snapshot();
      sleepUntil(windowEnd);
      after = monitor.snapshot();
      awaitSlots();
      seconds = plan.duration().get().toNanos() / 1e9;
    } else {
      awaitSlots();
      after = monitor.snapshot();
      seconds = Math.max(1, lastCompletion.get() - start) / 1e9;
    }
    long ok = succeeded.sum();
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((code, count) -> errorCounts.put(code, count.sum()));
    return new RunResult(plan, seconds, ok, errorCounts, outstanding.sum(), freshActivations.sum(), wrongValues.sum(),
        latency.getIntervalHistogram(), ResourceMonitor.between(before, after, ok));
  }

  /** Waits for every slot to retire, giving up once no request has been answered for the drain timeout. */
  private void awaitSlots() throws InterruptedException {
    while (!slotsDone.await(200, TimeUnit.MILLISECONDS)) {
      if (System.nanoTime() - lastCompletion.get() > drainTimeout.toNanos()) {
        log.warn("{}: no answer for {}; {} request(s) reported as unfinished", plan.name(), drainTimeout, outstanding.sum());
        return;
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long remaining;
    while ((remaining = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(remaining);
    }
  }

  /** Sends the next request of a slot, or retires the slot when time or commands are up. */
  private void sendNext() {
    Optional<Command> next = System.nanoTime() < windowEnd ? plan.commands().next() : Optional.empty();
    if (next.isEmpty()) {
      slotsDone.countDown();
      return;
    }
    Command command = next.get();
    long sentAt = System.nanoTime();
    outstanding.increment();
    target.send(command, (reply, error) -> {
      long now = System.nanoTime();
      outstanding.decrement();
      record(command, sentAt, now, reply, error);
      int[] nesting = NESTING.get();
      if (nesting[0] >= MAX_NESTING) {
        ForkJoinPool.commonPool().execute(this::sendNext);
        return;
      }
      nesting[0]++;
      try {
        sendNext();
      } finally {
        nesting[0]--;
      }
    });
  }

  private void record(Command command, long sentAt, long answeredAt, CounterReply reply, Throwable error) {
    lastCompletion.accumulateAndGet(answeredAt, Math::max);
    boolean inWindow = answeredAt >= windowStart && answeredAt < windowEnd;
    boolean sentInWindow = sentAt >= windowStart && sentAt < windowEnd;
    if (error != null) {
      // A request sent in the window that fails after it still failed in the window.
      if (inWindow || sentInWindow) {
        errors.computeIfAbsent(Status.fromThrowable(error).getCode().name(), code -> new LongAdder()).increment();
      }
      if (log.isDebugEnabled()) {
        log.debug("{}: {} to {} failed", plan.name(), command.kind(), command.counterId(), error);
      }
      return;
    }
    if (inWindow) {
      succeeded.increment();
    }
    if (sentInWindow) {
      latency.recordValue(Math.max(1, (answeredAt - sentAt) / 1000));
      if (reply.getStreamCommandId() == 1) {
        freshActivations.increment();
      }
      if (command.expectedValue().isPresent() && command.expectedValue().getAsLong() != reply.getValue()) {
        wrongValues.increment();
      }
    }
  }
}
