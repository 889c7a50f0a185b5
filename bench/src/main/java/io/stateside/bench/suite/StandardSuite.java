package io.stateside.bench.suite;

import io.stateside.bench.BenchServices;
import io.stateside.bench.load.ClosedLoop;
import io.stateside.bench.load.Command;
import io.stateside.bench.load.CommandSource;
import io.stateside.bench.load.CounterTarget;
import io.stateside.bench.load.ProxyTarget;
import io.stateside.bench.load.RunPlan;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.load.StreamTarget;
import io.stateside.bench.metrics.ResourceMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard suite against one running proxy and its user function: spread, hot, activation
 * (replay and snapshot) and the no-proxy baseline, in that order.
 */
public final class StandardSuite {

  private static final Logger log = LoggerFactory.getLogger(StandardSuite.class);

  /** Passivation runs on a timer of half the timeout; twice the timeout plus a margin lets it finish. */
  private static final Duration PASSIVATION_WAIT = BenchServices.ACTIVATION_PASSIVATION.multipliedBy(2).plusSeconds(2);

  private final SuiteSettings settings;
  private final ResourceMonitor monitor;
  private final Consumer<String> progress;

  /**
   * @param progress receives a line as each run starts
   */
  public StandardSuite(SuiteSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.monitor = new ResourceMonitor(settings.pids());
    this.progress = progress;
  }

  /** Runs the chosen scenarios; {@code onResult} gets each result as soon as it is measured. */
  public List<RunResult> run(Consumer<RunResult> onResult) throws InterruptedException {
    List<RunResult> results = new ArrayList<>();
    Consumer<RunResult> collect = result -> {
      results.add(result);
      onResult.accept(result);
    };
    try (ProxyTarget proxy = ProxyTarget.connect(settings.host(), settings.proxyPort(), settings.callTimeout(),
        settings.acceptGzip())) {
      ProxyReadiness.await(proxy, settings.readyTimeout());
      boolean first = true;
      if (settings.scenarios().contains(Scenario.SPREAD)) {
        collect.accept(measure(steady("spread", "proxy", settings.spreadEntities(), settings.firstWarmup()), proxy));
        first = false;
      }
      if (settings.scenarios().contains(Scenario.HOT)) {
        collect.accept(measure(steady("hot", "proxy", 1, first ? settings.firstWarmup() : settings.warmup()), proxy));
      }
      if (settings.scenarios().contains(Scenario.ACTIVATION)) {
        activation(proxy, BenchServices.REPLAY_COUNTER, "activation-replay", collect);
        activation(proxy, BenchServices.SNAPSHOT_COUNTER, "activation-snapshot", collect);
      }
    }
    if (settings.scenarios().contains(Scenario.BASELINE)) {
      int port = settings.userFunctionPort().orElseThrow();
      collect.accept(direct(steady("baseline-spread", "user-function", settings.spreadEntities(), settings.warmup()), port,
          StreamTarget.Discipline.ONE_AT_A_TIME));
      collect.accept(direct(steady("baseline-hot", "user-function", 1, settings.warmup()), port,
          StreamTarget.Discipline.ONE_AT_A_TIME));
      collect.accept(direct(steady("baseline-hot-pipelined", "user-function", 1, settings.warmup()), port,
          StreamTarget.Discipline.PIPELINED));
    }
    return results;
  }

  /**
   * A timed run of the command mix over {@code entities} BenchCounter entities, whose warm-up
   * starts with one {@code Get} to each entity.
   */
  private RunPlan steady(String name, String target, int entities, Duration warmup) {
    String prefix = settings.runId() + "-" + name + "-";
    return RunPlan.timed(name, target, entities, settings.mix().describe(), settings.inFlight(),
        warmup, settings.duration(),
        CommandSource.touchingEachFirst(BenchServices.BENCH_COUNTER, prefix, entities,
            CommandSource.random(BenchServices.BENCH_COUNTER, prefix, entities, settings.mix())));
  }

  /**
   * Stores events for fresh entities, waits until the proxy has passivated them, then sends each
   * one command, whose latency includes loading the entity from the store.
   */
  private void activation(ProxyTarget proxy, BenchServices service, String name, Consumer<RunResult> collect)
      throws InterruptedException {
    int entities = settings.activationEntities();
    int events = settings.activationEvents();
    List<String> ids = new ArrayList<>(entities);
    for (int i = 0; i < entities; i++) {
      ids.add(settings.runId() + "-" + name + "-" + i);
    }
    List<Command> seeds = ids.stream().map(id -> Command.seed(service, id, events).expecting(events)).toList();
    collect.accept(measure(RunPlan.each(name + "-seed", "proxy", entities, "Seed: " + events + " events in one command",
        settings.inFlight(), CommandSource.each(seeds)), proxy));

    progress.accept("  waiting " + PASSIVATION_WAIT.toSeconds() + " s for the proxy to passivate the seeded entities");
    Thread.sleep(PASSIVATION_WAIT.toMillis());

    List<String> order = new ArrayList<>(ids);
    Collections.shuffle(order, new Random(42));
    List<Command> firsts = order.stream().map(id -> Command.increase(service, id, 1).expecting(events + 1L)).toList();
    String workload = "first Increase after " + events + " stored events"
        + (service.snapshots() ? ", snapshot every " + BenchServices.SNAPSHOT_EVERY : ", no snapshots");
    collect.accept(measure(RunPlan.each(name, "proxy", entities, workload, settings.inFlight(), CommandSource.each(firsts)), proxy));
  }

  private RunResult direct(RunPlan plan, int port, StreamTarget.Discipline discipline) throws InterruptedException {
    try (StreamTarget target = StreamTarget.connect(settings.host(), port, discipline)) {
      return measure(plan, target);
    }
  }

  private RunResult measure(RunPlan plan, CounterTarget target) throws InterruptedException {
    progress.accept("▶ " + plan.name() + ": " + plan.entities() + " entit" + (plan.entities() == 1 ? "y" : "ies")
        + ", " + plan.inFlight() + " in flight, " + plan.workload()
        + plan.duration().map(d -> ", " + plan.warmup().toSeconds() + " s warm-up + " + d.toSeconds() + " s").orElse(""));
    RunResult result = new ClosedLoop(plan, target, monitor, settings.callTimeout().plusSeconds(5)).run();
    if (result.errorCount() > 0 || result.unfinished() > 0) {
      log.warn("{}: {} error(s) {}, {} unfinished", plan.name(), result.errorCount(), result.errors(), result.unfinished());
    }
    return result;
  }
}
