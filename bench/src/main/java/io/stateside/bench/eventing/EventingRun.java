package io.stateside.bench.eventing;

import io.stateside.bench.BenchServices;
import io.stateside.bench.load.ClosedLoop;
import io.stateside.bench.load.Command;
import io.stateside.bench.load.CommandSource;
import io.stateside.bench.load.DeliveredProbe;
import io.stateside.bench.load.ProxyTarget;
import io.stateside.bench.load.RunPlan;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.protocol.DeliveredReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The eventing scenario, against a proxy whose user function serves the subscriber of
 * EventCounter's event log. In {@link Mode#LIVE} it writes {@code events} events to EventCounter
 * entities ({@code Seed} commands of {@code eventsPerSeed} events, to the entities in turn,
 * {@code inFlight} at a time) and waits until the subscriber has got them all: the subscription
 * runs from the proxy's start, so it delivers while the events are written and then works off
 * what is left; a warm-up of the same kind comes first, so that the proxy's JIT compiler is done
 * when the measured events are written. {@link Mode#WRITE} only writes them (to a proxy whose user
 * function serves no subscriber), and {@link Mode#ATTACH} only waits for them, at a proxy started
 * afterwards on the same store, whose subscription finds them all in the journal.
 */
public final class EventingRun {

  private static final Duration POLL = Duration.ofMillis(100);

  /** What a run does: see the class comment. */
  public enum Mode {
    LIVE, WRITE, ATTACH;

    public static Mode parse(String name) {
      return switch (name) {
        case "live" -> LIVE;
        case "write" -> WRITE;
        case "attach" -> ATTACH;
        default -> throw new IllegalArgumentException("--mode must be live, write or attach");
      };
    }
  }

  /**
   * @param timeout how long to wait for the subscriber to get every event after they are written
   */
  public record Settings(Mode mode, String host, int port, int events, int warmupEvents, int entities,
      int eventsPerSeed, int inFlight, Duration callTimeout, Duration timeout) {

    public Settings {
      if (events <= 0 || eventsPerSeed <= 0 || entities <= 0 || warmupEvents < 0
          || events % eventsPerSeed != 0 || warmupEvents % eventsPerSeed != 0) {
        throw new IllegalArgumentException("--events and --warmup-events must be multiples of --events-per-seed");
      }
    }
  }

  /**
   * @param seed the writing run (throughput and latency of the Seed commands); empty when attaching
   * @param delivered deliveries counted by the subscriber (more than the events if some came twice)
   * @param deliveredWhenSeeded deliveries when the last Seed was answered
   * @param firstToLastSeconds from the subscriber's first delivery to its last
   * @param seedStartToLastSeconds from the first Seed sent to the subscriber's last delivery
   * @param afterSeedSeconds from the last Seed answered to the subscriber's last delivery
   * @param usage CPU and memory of the watched processes from the first Seed to the last delivery
   */
  public record Result(Settings settings, Optional<RunResult> seed, long delivered, long deliveredWhenSeeded,
      double firstToLastSeconds, double seedStartToLastSeconds, double afterSeedSeconds, ResourceMonitor.Usage usage) {

    /** Events per second between the subscriber's first and last delivery. */
    public double deliveryRate() {
      return firstToLastSeconds > 0 ? settings.events() / firstToLastSeconds : 0;
    }

    /** Events per second that reached the subscriber after the writing was done (the backlog worked off). */
    public double afterSeedRate() {
      long left = settings.events() - deliveredWhenSeeded;
      return afterSeedSeconds > 0 && left > 0 ? left / afterSeedSeconds : 0;
    }
  }

  private final Settings settings;
  private final ResourceMonitor monitor;
  private final Consumer<String> progress;
  private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";

  public EventingRun(Settings settings, ResourceMonitor monitor, Consumer<String> progress) {
    this.settings = settings;
    this.monitor = monitor;
    this.progress = progress;
  }

  public Result run() throws InterruptedException {
    return switch (settings.mode()) {
      case LIVE -> live();
      case WRITE -> write();
      case ATTACH -> attach();
    };
  }

  private Result live() throws InterruptedException {
    try (DeliveredProbe probe = new DeliveredProbe(settings.host(), settings.port(), settings.callTimeout());
         ProxyTarget proxy = ProxyTarget.connect(settings.host(), settings.port(), settings.callTimeout(), false)) {
      long before = probe.delivered().getDeliveries();
      if (before != 0) {
        throw new IllegalStateException("The subscriber has " + before + " deliveries already: run on a fresh store");
      }
      if (settings.warmupEvents() > 0) {
        progress.accept(String.format("  warm-up: %,d events", settings.warmupEvents()));
        RunResult warmup = seed(proxy, "eventing-warmup", settings.warmupEvents());
        awaitDelivered(probe, warmup.succeeded() * settings.eventsPerSeed());
        probe.deliveredThenReset();
      }

      ResourceMonitor.Snapshot start = monitor.snapshot();
      long startMillis = System.currentTimeMillis();
      progress.accept(writing());
      RunResult seed = seed(proxy, "eventing-seed", settings.events());
      long seededMillis = System.currentTimeMillis();
      DeliveredReply atSeedEnd = probe.delivered();
      progress.accept(String.format("  written in %.1f s; %,d delivered so far; waiting for the rest",
          (seededMillis - startMillis) / 1000.0, atSeedEnd.getDeliveries()));
      DeliveredReply last = awaitDelivered(probe, seed.succeeded() * settings.eventsPerSeed());
      ResourceMonitor.Snapshot end = monitor.snapshot();
      return new Result(settings, Optional.of(seed), last.getDeliveries(), atSeedEnd.getDeliveries(),
          (last.getLastMillis() - last.getFirstMillis()) / 1000.0,
          (last.getLastMillis() - startMillis) / 1000.0,
          Math.max(0, last.getLastMillis() - seededMillis) / 1000.0,
          ResourceMonitor.between(start, end, settings.events()));
    }
  }

  private Result write() throws InterruptedException {
    try (ProxyTarget proxy = ProxyTarget.connect(settings.host(), settings.port(), settings.callTimeout(), false)) {
      ResourceMonitor.Snapshot start = monitor.snapshot();
      progress.accept(writing());
      RunResult seed = seed(proxy, "eventing-write", settings.events());
      return new Result(settings, Optional.of(seed), 0, 0, 0, 0, 0,
          ResourceMonitor.between(start, monitor.snapshot(), settings.events()));
    }
  }

  private Result attach() throws InterruptedException {
    try (DeliveredProbe probe = new DeliveredProbe(settings.host(), settings.port(), settings.callTimeout())) {
      ResourceMonitor.Snapshot start = monitor.snapshot();
      long startMillis = System.currentTimeMillis();
      progress.accept(String.format("  waiting for the subscriber to get the %,d events in the journal", settings.events()));
      DeliveredReply last = awaitDelivered(probe, settings.events());
      ResourceMonitor.Snapshot end = monitor.snapshot();
      return new Result(settings, Optional.empty(), last.getDeliveries(), 0,
          (last.getLastMillis() - last.getFirstMillis()) / 1000.0,
          (last.getLastMillis() - startMillis) / 1000.0, 0,
          ResourceMonitor.between(start, end, settings.events()));
    }
  }

  private String writing() {
    return String.format("  writing %,d events (%d per command, %d commands in flight) to %,d EventCounter entities",
        settings.events(), settings.eventsPerSeed(), settings.inFlight(), settings.entities());
  }

  private RunResult seed(ProxyTarget proxy, String name, int events) throws InterruptedException {
    int commands = events / settings.eventsPerSeed();
    List<Command> seeds = new ArrayList<>(commands);
    for (int i = 0; i < commands; i++) {
      seeds.add(Command.seed(BenchServices.EVENT_COUNTER, prefix + (i % settings.entities()), settings.eventsPerSeed()));
    }
    return new ClosedLoop(RunPlan.each(name, "proxy", settings.entities(),
        "Seed: " + settings.eventsPerSeed() + " events in one command", settings.inFlight(), CommandSource.each(seeds)),
        proxy, monitor, settings.callTimeout().plusSeconds(5)).run();
  }

  private DeliveredReply awaitDelivered(DeliveredProbe probe, long events) throws InterruptedException {
    long giveUp = System.nanoTime() + settings.timeout().toNanos();
    DeliveredReply last = probe.delivered();
    while (last.getDeliveries() < events) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(String.format("The subscriber got %,d of %,d events within %s",
            last.getDeliveries(), events, settings.timeout()));
      }
      Thread.sleep(POLL.toMillis());
      last = probe.delivered();
    }
    return last;
  }
}
