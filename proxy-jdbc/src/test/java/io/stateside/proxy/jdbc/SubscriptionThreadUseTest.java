package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.ProxyHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Delivering events must not start threads: on machines with fewer than three CPUs, stages
 * chained on Akka's Java futures without an executor would each start one. The proxy runs in a
 * process of its own, whose thread count the JVM's {@code java.threads.started} counter gives
 * (the user function in this JVM starts threads of its own).
 */
class SubscriptionThreadUseTest {

  @Test
  void deliveringEventsStartsNoThreadPerEvent() throws Exception {
    ActorSystem clientSystem = ProxyHarness.userSideSystem();
    try (H2FileDatabase database = new H2FileDatabase();
         JavaCounterWithSubscriber userFunction = new JavaCounterWithSubscriber(0);
         ProxyProcess proxy = ProxyProcess.start(database, userFunction.port());
         CounterCalls calls = new CounterCalls(proxy.port(), clientSystem)) {
      increase(calls, 100);
      Await.until("the first events are delivered", Duration.ofSeconds(60), () -> userFunction.receivedCount() >= 100);
      long startedBefore = threadsStarted(proxy.pid());

      int events = 1_000;
      increase(calls, events);
      Await.until("the events are delivered", Duration.ofSeconds(120),
          () -> userFunction.receivedCount() >= 100 + events);

      long started = threadsStarted(proxy.pid()) - startedBefore;
      assertTrue(started < events / 10, started + " threads started in the proxy while it wrote and delivered "
          + events + " events");
    } finally {
      clientSystem.terminate();
      clientSystem.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /** Increases 100 counters, {@code count} increases in all, 100 at a time. */
  private static void increase(CounterCalls calls, int count) {
    for (int round = 0; round < count / 100; round++) {
      CompletableFuture.allOf(IntStream.range(0, 100).mapToObj(c -> calls.client()
              .increase(IncreaseRequest.newBuilder().setCounterId("t" + c).setBy(1).build())
              .toCompletableFuture())
          .toArray(CompletableFuture[]::new)).join();
    }
  }

  private static long threadsStarted(long pid) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    return output.lines()
        .filter(line -> line.startsWith("java.threads.started="))
        .mapToLong(line -> Long.parseLong(line.substring(line.indexOf('=') + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No java.threads.started from jcmd " + pid + ":\n" + output));
  }
}
