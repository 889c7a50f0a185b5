package io.stateside.proxy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.stream.javadsl.Sink;
import io.stateside.example.echo.EchoServiceClient;
import io.stateside.example.echo.Text;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed-out call of 100,000 messages of 1 KiB (about 100 MiB) to a client that reads them
 * slowly: the action produces them as fast as it can (a first, unthrottled call warms it up so
 * that it does), so if anything between it and the client buffered instead of passing
 * backpressure on, the action would run ahead of the client by most of the stream and the heap
 * would grow by as much. Every 5,000 messages the test samples how far the action is ahead and
 * the heap in use after a collection (the user function, the proxy and the client share this JVM,
 * so the heap bound covers all three). The heap is compared with its level after the first
 * 10,000 messages: from there to the end, another 90 MiB streamed, it must stay flat. It runs in a JVM of its own (surefire execution {@code heap-measurement}),
 * where other tests leave nothing on the heap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionBackpressureTest {

  private static final Logger log = LoggerFactory.getLogger(ActionBackpressureTest.class);
  private static final int MESSAGES = 100_000;
  private static final long MIB = 1024 * 1024;
  private static final int SETTLED_AFTER = 10_000;

  private ActionStack stack;
  private EchoServiceClient echo;

  @BeforeAll
  void start() {
    stack = ActionStack.start();
    echo = EchoServiceClient.create(stack.clientSettings(Duration.ofSeconds(60)), stack.clientSide());
  }

  @AfterAll
  void stop() {
    echo.close();
    stack.close();
  }

  @Test
  void aSlowClientSlowsTheActionInsteadOfFillingTheHeap() {
    Text big = Text.newBuilder().setText("big:" + MESSAGES).build();
    echo.repeat(big).runWith(Sink.ignore(), stack.clientSide()).toCompletableFuture().join();

    long baseline = usedAfterCollection();
    AtomicLong settled = new AtomicLong();
    AtomicLong highest = new AtomicLong();
    AtomicInteger furthestAhead = new AtomicInteger();
    AtomicInteger received = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();

    echo.repeat(big)
        // The slow client: 10,000 messages a second at most.
        .throttle(10_000, Duration.ofSeconds(1))
        .runForeach(text -> {
          int n = received.incrementAndGet();
          if (!text.getText().startsWith(n + " ")) {
            outOfOrder.incrementAndGet();
          }
          if (n % 5_000 == 0) {
            furthestAhead.accumulateAndGet(stack.userFunction().bigProduced() - n, Math::max);
            long used = usedAfterCollection();
            if (n == SETTLED_AFTER) {
              settled.set(used);
            } else if (n > SETTLED_AFTER) {
              highest.accumulateAndGet(used, Math::max);
            }
          }
        }, stack.clientSide())
        .toCompletableFuture().join();

    long growth = highest.get() - settled.get();
    log.info("Streamed {} messages of 1 KiB to a slow client: the action ran at most {} messages ahead of it; "
            + "heap in use after collection {} MiB before, {} MiB after {} messages, at most {} MiB after that",
        MESSAGES, furthestAhead.get(), baseline / MIB, settled.get() / MIB, SETTLED_AFTER, highest.get() / MIB);
    assertEquals(MESSAGES, received.get());
    assertEquals(0, outOfOrder.get());
    assertTrue(furthestAhead.get() < MESSAGES / 4, "the action ran " + furthestAhead.get() + " messages ahead of the client");
    assertTrue(growth < 16 * MIB, "the heap grew by " + growth / MIB + " MiB while streaming the last "
        + (MESSAGES - SETTLED_AFTER) / 1024 + " MiB (" + settled.get() / MIB + " MiB after " + SETTLED_AFTER
        + " messages, " + baseline / MIB + " MiB before the stream)");
  }

  /**
   * The heap in use right after a full collection, read from the pools' after-collection usage:
   * the heap's current usage would also count what the running stream allocated since.
   */
  private static long usedAfterCollection() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterCollection = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        used += afterCollection.getUsed();
      }
    }
    return used;
  }
}
