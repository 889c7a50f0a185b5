package io.stateside.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.bench.load.ClosedLoop;
import io.stateside.bench.load.Command;
import io.stateside.bench.load.CommandMix;
import io.stateside.bench.load.CommandSource;
import io.stateside.bench.load.CounterTarget;
import io.stateside.bench.load.ProxyTarget;
import io.stateside.bench.load.RunPlan;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.load.StreamTarget;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.suite.ProxyReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Short runs of the load generator against a real proxy and user function: every request is
 * answered, counted and measured once. Nothing here depends on how fast the machine is.
 */
class GeneratorSmokeTest {

  @RegisterExtension
  static final BenchEnvironment environment = new BenchEnvironment();

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void proxyRunAnswersAndMeasuresEveryRequest() throws InterruptedException {
    try (ProxyTarget proxy = ProxyTarget.connect("127.0.0.1", environment.proxyPort(), CALL_TIMEOUT, true)) {
      ProxyReadiness.await(proxy, Duration.ofSeconds(60));
      RunResult result = run(RunPlan.each("smoke", "proxy", 5, "mix", 4,
          limit(CommandSource.random(BenchServices.BENCH_COUNTER, "smoke-", 5, CommandMix.parse("increase=1,get=1")), 40)), proxy);

      assertEquals(40, result.succeeded());
      assertEquals(Map.of(), result.errors());
      assertEquals(0, result.unfinished());
      assertEquals(40, result.latency().getTotalCount());
      assertTrue(result.latencyMillis(99.9) <= result.maxLatencyMillis());
    }
  }

  @Test
  void proxyRepliesCarryTheCountersValues() throws InterruptedException {
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      commands.add(Command.seed(BenchServices.SNAPSHOT_COUNTER, "values-" + i, 150).expecting(150));
    }
    for (int i = 0; i < 6; i++) {
      commands.add(Command.increase(BenchServices.SNAPSHOT_COUNTER, "values-" + i, 2).expecting(152));
    }
    try (ProxyTarget proxy = ProxyTarget.connect("127.0.0.1", environment.proxyPort(), CALL_TIMEOUT, false)) {
      ProxyReadiness.await(proxy, Duration.ofSeconds(60));
      // One at a time, so each entity's seed is answered before its increase is sent.
      RunResult result = run(RunPlan.each("values", "proxy", 6, "seed then increase", 1, CommandSource.each(commands)), proxy);

      assertEquals(12, result.succeeded());
      assertEquals(0, result.wrongValues());
      assertTrue(result.freshActivations() >= 6, "each entity's seed is the first command of its stream");
    }
  }

  @Test
  void baselineRunsStraightAgainstTheUserFunction() throws InterruptedException {
    for (StreamTarget.Discipline discipline : StreamTarget.Discipline.values()) {
      List<Command> commands = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        commands.add(Command.increase(BenchServices.BENCH_COUNTER, "baseline-" + discipline, 1).expecting(i));
      }
      try (StreamTarget target = StreamTarget.connect("127.0.0.1", environment.userFunctionPort(), discipline)) {
        // In order on one stream: the user function answers in order, so the values count up.
        RunResult result = run(RunPlan.each("baseline", "user-function", 1, "increase", 1, CommandSource.each(commands)), target);

        assertEquals(30, result.succeeded(), discipline.name());
        assertEquals(0, result.wrongValues(), discipline.name());
        assertEquals(30, result.latency().getTotalCount(), discipline.name());
      }
    }
  }

  @Test
  void pipelinedBaselineKeepsManyCommandsInFlightOnOneStream() throws InterruptedException {
    try (StreamTarget target = StreamTarget.connect("127.0.0.1", environment.userFunctionPort(), StreamTarget.Discipline.PIPELINED)) {
      RunResult result = run(RunPlan.each("pipelined", "user-function", 1, "mix", 16,
          limit(CommandSource.random(BenchServices.BENCH_COUNTER, "pipelined-", 1, CommandMix.parse("increase=3,get=1")), 200)), target);

      assertEquals(200, result.succeeded());
      assertEquals(Map.of(), result.errors());
    }
  }

  private static RunResult run(RunPlan plan, CounterTarget target) throws InterruptedException {
    return new ClosedLoop(plan, target, ResourceMonitor.generatorOnly(), CALL_TIMEOUT).run();
  }

  private static CommandSource limit(CommandSource source, int count) {
    AtomicInteger left = new AtomicInteger(count);
    return () -> left.getAndDecrement() > 0 ? source.next() : Optional.empty();
  }
}
