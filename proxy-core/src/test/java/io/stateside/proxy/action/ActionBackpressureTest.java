package io.stateside.proxy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.stateside.example.echo.EchoServiceClient;
import io.stateside.example.echo.Text;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.JavaActions;
import io.stateside.proxy.testing.ProxyHarness;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
 * slowly: the action produces them as fast as it can, so if anything between it and the client
 * buffered instead of passing backpressure on, the heap would grow by most of that. The heap in
 * use after a collection is sampled every 5,000 messages; its growth must stay far below the
 * stream's size (the user function, the proxy and the client share this JVM, so the bound covers
 * all three).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionBackpressureTest {

  private static final Logger log = LoggerFactory.getLogger(ActionBackpressureTest.class);
  private static final int MESSAGES = 100_000;
  private static final long MIB = 1024 * 1024;

  private ActorSystem clientSide;
  private JavaActions userFunction;
  private StatesideProxy proxy;
  private EchoServiceClient echo;

  @BeforeAll
  void start() {
    clientSide = ProxyHarness.userSideSystem();
    userFunction = JavaActions.start();
    proxy = ProxyHarness.start(userFunction.port());
    echo = EchoServiceClient.create(GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSide)
        .withTls(false)
        .withDeadline(Duration.ofSeconds(60)), clientSide);
  }

  @AfterAll
  void stop() {
    echo.close();
    ProxyHarness.stop(proxy);
    userFunction.close();
    clientSide.terminate();
  }

  @Test
  void aSlowClientSlowsTheActionInsteadOfFillingTheHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = usedAfterCollection(memory);
    AtomicLong highest = new AtomicLong(baseline);
    AtomicInteger received = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();

    echo.repeat(Text.newBuilder().setText("big:" + MESSAGES).build())
        // The slow client: 10,000 messages a second at most, far below what the action produces.
        .throttle(10_000, Duration.ofSeconds(1))
        .runForeach(text -> {
          int n = received.incrementAndGet();
          if (!text.getText().startsWith(n + " ")) {
            outOfOrder.incrementAndGet();
          }
          if (n % 5_000 == 0) {
            highest.accumulateAndGet(usedAfterCollection(memory), Math::max);
          }
        }, clientSide)
        .toCompletableFuture().join();

    long growth = highest.get() - baseline;
    log.info("Streamed {} messages of 1 KiB to a slow client: heap in use after collection {} MiB before, "
        + "at most {} MiB during the stream (growth {} MiB)", MESSAGES, baseline / MIB, highest.get() / MIB, growth / MIB);
    assertEquals(MESSAGES, received.get());
    assertEquals(0, outOfOrder.get());
    assertTrue(growth < 32 * MIB, "the heap grew by " + growth / MIB + " MiB while streaming about "
        + MESSAGES / 1024 + " MiB");
  }

  private static long usedAfterCollection(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
