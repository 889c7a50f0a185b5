package io.stateside.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.http.javadsl.ServerBinding;
import com.typesafe.config.ConfigFactory;
import io.stateside.bench.load.ClosedLoop;
import io.stateside.bench.load.Command;
import io.stateside.bench.load.CommandSource;
import io.stateside.bench.load.CrdtTarget;
import io.stateside.bench.load.RunPlan;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.userfunction.BenchCrdtUserFunction;
import io.stateside.proxy.StatesideProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The crdt scenario's parts end to end: the CRDT user function, a real proxy, the CRDT target. */
class CrdtLoadSmokeTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static ActorSystem userSide;
  private static StatesideProxy proxy;

  @BeforeAll
  static void start() {
    userSide = ActorSystem.create("bench-crdt-user-function", BenchCrdtUserFunction.config());
    ServerBinding userFunction = BenchCrdtUserFunction.start(userSide, "127.0.0.1", 0);
    proxy = StatesideProxy.start(ConfigFactory.parseMap(Map.of(
                "stateside.proxy.http-interface", "127.0.0.1",
                "stateside.proxy.http-port", 0,
                "stateside.proxy.user-function-port", userFunction.localAddress().getPort(),
                "akka.remote.artery.canonical.port", 0,
                "akka.management.http.port", 0,
                "stateside.proxy.metrics.port", 0,
                "akka.cluster.jmx.enabled", "off",
                "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"))
            .withFallback(ConfigFactory.load())
            .resolve())
        .toCompletableFuture().join();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.stop().toCompletableFuture().join();
    }
    if (userSide != null) {
      userSide.terminate();
    }
  }

  @Test
  void majorityIncrementsAreEachCountedAndReadBack() throws InterruptedException {
    List<Command> increments = new ArrayList<>();
    List<Command> reads = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      increments.add(Command.increase(BenchServices.BENCH_COUNTER, "crdt-" + (i % 4), 1));
    }
    for (int i = 0; i < 4; i++) {
      reads.add(Command.get(BenchServices.BENCH_COUNTER, "crdt-" + i).expecting(10));
    }
    try (CrdtTarget target = CrdtTarget.connect("127.0.0.1", proxy.httpPort(), CALL_TIMEOUT, "majority")) {
      RunResult written = run(increments, target);
      assertEquals(40, written.succeeded());
      assertEquals(Map.of(), written.errors());

      RunResult read = run(reads, target);
      assertEquals(4, read.succeeded());
      assertEquals(0, read.wrongValues(), "every counter holds its ten increments");
    }
  }

  private static RunResult run(List<Command> commands, CrdtTarget target) throws InterruptedException {
    RunPlan plan = RunPlan.each("crdt-smoke", "crdt", 4, "increase", 4, CommandSource.each(commands));
    return new ClosedLoop(plan, target, ResourceMonitor.generatorOnly(), CALL_TIMEOUT).run();
  }
}
