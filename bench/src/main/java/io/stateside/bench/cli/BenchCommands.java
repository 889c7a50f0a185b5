package io.stateside.bench.cli;

import io.stateside.bench.BenchServices;
import io.stateside.bench.eventing.EventingReport;
import io.stateside.bench.eventing.EventingRun;
import io.stateside.bench.load.ClosedLoop;
import io.stateside.bench.load.CommandMix;
import io.stateside.bench.load.CommandSource;
import io.stateside.bench.load.CounterTarget;
import io.stateside.bench.load.CrdtTarget;
import io.stateside.bench.load.ProxyTarget;
import io.stateside.bench.load.RunPlan;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.load.StreamTarget;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.report.Json;
import io.stateside.bench.report.LatencyHistograms;
import io.stateside.bench.report.ResultReport;
import io.stateside.bench.suite.Scenario;
import io.stateside.bench.suite.StandardSuite;
import io.stateside.bench.suite.SuiteSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** The {@code run}, {@code suite} and {@code eventing} commands. */
public final class BenchCommands {

  /** Every request was answered as expected. */
  public static final int OK = 0;
  /** The benchmark ran, but a run answered nothing, or some requests failed, went unanswered or got a wrong value. */
  public static final int FAILED_REQUESTS = 3;
  private static final int CRASHED = 1;
  private static final int USAGE = 2;

  private static final String USAGE_TEXT = """
      usage: bench run   --port PORT [--target proxy|user-function|crdt] [--consistency local|majority|all]
                         [--host 127.0.0.1]
                         [--service BenchCounter] [--entities 1000] [--in-flight 64]
                         [--warmup 10s] [--duration 30s | --requests N] [--mix increase=80,get=20]
                         [--discipline one-at-a-time|pipelined] [--name NAME]
                         [--proxy-pid PID] [--user-function-pid PID] [--store-pid PID] [--json FILE]
                         [--call-timeout 30s] [--accept-gzip on|off] [--histogram FILE] [--id-prefix PREFIX]
                         [--activate-first on|off]
             bench suite --proxy-port PORT [--user-function-port PORT] [--host 127.0.0.1] [--store NAME]
                         [--scenarios all|spread,hot,activation,baseline] [--warmup 10s]
                         [--first-warmup 30s] [--duration 20s]
                         [--entities 1000] [--in-flight 64] [--activation-entities 10000]
                         [--activation-events 100] [--mix increase=80,get=20] [--run-id ID]
                         [--proxy-pid PID] [--user-function-pid PID] [--store-pid PID] [--json FILE]
                         [--call-timeout 30s] [--ready-timeout 180s] [--accept-gzip on|off]
             bench eventing --port PORT [--mode live|write|attach] [--host 127.0.0.1] [--store NAME] [--events 50000]
                         [--warmup-events 20000] [--entities 1000] [--events-per-seed 1]
                         [--in-flight 64] [--timeout 600s]
                         [--proxy-pid PID] [--user-function-pid PID] [--store-pid PID] [--json FILE]
                         [--call-timeout 30s]
                         (live, attach: the user function must serve BenchEvents, BENCH_EVENTING=on)
             bench free-ports [--count 1]   prints free loopback TCP ports, one per line
             bench latency --histograms FILE,FILE,...   percentiles of runs' --histogram files merged
      """;

  private BenchCommands() {}

  public static int execute(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    try {
      Args options = Args.parse(args, 1);
      return switch (args[0]) {
        case "run" -> run(options, out);
        case "suite" -> suite(options, out);
        case "eventing" -> eventing(options, out);
        case "free-ports" -> freePorts(options, out);
        case "latency" -> latency(options, out);
        default -> throw new IllegalArgumentException("Unknown command " + args[0]);
      };
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    } catch (Exception e) {
      err.println("bench failed: " + e);
      e.printStackTrace(err);
      return CRASHED;
    }
  }

  private static int run(Args options, PrintStream out) throws Exception {
    String targetKind = options.string("target", "proxy");
    String host = options.string("host", "127.0.0.1");
    int port = options.optionalInteger("port").orElseThrow(() -> new IllegalArgumentException("--port is required"));
    BenchServices service = BenchServices.byName(options.string("service", "BenchCounter"));
    int entities = options.integer("entities", 1000);
    int inFlight = options.integer("in-flight", 64);
    CommandMix mix = CommandMix.parse(options.string("mix", "increase=80,get=20"));
    Optional<Integer> requests = options.optionalInteger("requests");
    Duration warmup = options.duration("warmup", requests.isPresent() ? Duration.ZERO : Duration.ofSeconds(10));
    Duration duration = options.duration("duration", Duration.ofSeconds(30));
    String discipline = options.string("discipline", "one-at-a-time");
    String name = options.string("name", targetKind.equals("proxy") ? "run" : "baseline");
    Duration callTimeout = options.duration("call-timeout", Duration.ofSeconds(30));
    boolean acceptGzip = onOff(options.string("accept-gzip", "on"), "--accept-gzip");
    Optional<String> json = options.optional("json");
    Optional<String> histogram = options.optional("histogram");
    // Generators that share a prefix address the same entities (one per cluster node, say).
    String prefix = options.optional("id-prefix").orElseGet(() -> UUID.randomUUID().toString().substring(0, 8) + "-");
    // A Get to each entity first, in the warm-up: the measured window then finds every entity active.
    boolean activateFirst = onOff(options.string("activate-first", "off"), "--activate-first");
    ResourceMonitor monitor = new ResourceMonitor(pids(options));
    // Only the CRDT counter has a write consistency to choose.
    String consistency = targetKind.equals("crdt") ? options.string("consistency", "local") : "";
    options.requireAllRead();

    CommandSource mixed = CommandSource.random(service, prefix, entities, mix);
    CommandSource random = activateFirst ? CommandSource.touchingEachFirst(service, prefix, entities, mixed) : mixed;
    RunPlan plan = requests
        .map(count -> {
          AtomicInteger left = new AtomicInteger(count);
          CommandSource limited = () -> left.getAndDecrement() > 0 ? random.next() : Optional.empty();
          return RunPlan.each(name, targetKind, entities, mix.describe(), inFlight, limited);
        })
        .orElseGet(() -> RunPlan.timed(name, targetKind, entities, mix.describe(), inFlight, warmup, duration, random));
    RunResult result;
    try (CounterTarget target = switch (targetKind) {
      case "proxy" -> ProxyTarget.connect(host, port, callTimeout, acceptGzip);
      case "user-function" -> StreamTarget.connect(host, port, discipline(discipline));
      case "crdt" -> CrdtTarget.connect(host, port, callTimeout, consistency);
      default -> throw new IllegalArgumentException("--target must be proxy, user-function or crdt");
    }) {
      result = new ClosedLoop(plan, target, monitor, callTimeout.plusSeconds(5)).run();
    }
    if (histogram.isPresent()) {
      LatencyHistograms.write(result.latency(), Path.of(histogram.get()));
    }
    List<RunResult> results = List.of(result);
    out.println();
    out.print(ResultReport.latencyTable(results));
    out.println();
    out.print(ResultReport.resourceTable(results));
    String document = Json.write(document("run", Map.of("command", "run"), results));
    if (json.isPresent()) {
      Files.writeString(Path.of(json.get()), document + "\n");
      out.println("\nJSON: " + json.get());
    } else {
      out.println();
      out.println(document);
    }
    return exitCode(results);
  }

  private static int suite(Args options, PrintStream out) throws Exception {
    SuiteSettings settings = new SuiteSettings(
        options.string("store", "unnamed"),
        options.string("host", "127.0.0.1"),
        options.optionalInteger("proxy-port").orElseThrow(() -> new IllegalArgumentException("--proxy-port is required")),
        options.optionalInteger("user-function-port").map(OptionalInt::of).orElse(OptionalInt.empty()),
        pids(options),
        options.duration("warmup", Duration.ofSeconds(10)),
        options.duration("first-warmup", Duration.ofSeconds(30)),
        options.duration("duration", Duration.ofSeconds(20)),
        options.integer("entities", 1000),
        options.integer("in-flight", 64),
        options.integer("activation-entities", 10_000),
        options.integer("activation-events", 100),
        CommandMix.parse(options.string("mix", "increase=80,get=20")),
        Scenario.parseAll(options.string("scenarios", "all")),
        options.string("run-id", UUID.randomUUID().toString().substring(0, 8)),
        options.duration("call-timeout", Duration.ofSeconds(30)),
        options.duration("ready-timeout", Duration.ofSeconds(180)),
        onOff(options.string("accept-gzip", "on"), "--accept-gzip"));
    Optional<String> json = options.optional("json");
    options.requireAllRead();

    out.println("Stateside benchmark suite, store: " + settings.store());
    List<RunResult> results = new StandardSuite(settings, out::println)
        .run(result -> out.printf(Locale.ROOT, "  %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failed%n",
            result.throughput(), result.latencyMillis(50), result.latencyMillis(99),
            result.errorCount() + result.unfinished()));
    out.println();
    out.print(ResultReport.latencyTable(results));
    out.println();
    out.print(ResultReport.resourceTable(results));
    String document = Json.write(document("suite", suiteSettings(settings), results));
    if (json.isPresent()) {
      Files.writeString(Path.of(json.get()), document + "\n");
      out.println("\nJSON: " + json.get());
    } else {
      out.println();
      out.println(document);
    }
    return exitCode(results);
  }

  private static int eventing(Args options, PrintStream out) throws Exception {
    EventingRun.Settings settings = new EventingRun.Settings(
        EventingRun.Mode.parse(options.string("mode", "live")),
        options.string("host", "127.0.0.1"),
        options.optionalInteger("port").orElseThrow(() -> new IllegalArgumentException("--port is required")),
        options.integer("events", 50_000),
        options.integer("warmup-events", 20_000),
        options.integer("entities", 1000),
        options.integer("events-per-seed", 1),
        options.integer("in-flight", 64),
        options.duration("call-timeout", Duration.ofSeconds(30)),
        options.duration("timeout", Duration.ofSeconds(600)));
    String store = options.string("store", "unnamed");
    ResourceMonitor monitor = new ResourceMonitor(pids(options));
    Optional<String> json = options.optional("json");
    options.requireAllRead();

    EventingRun.Result result = new EventingRun(settings, monitor, out::println).run();
    out.println();
    out.print(EventingReport.text(store, result));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", "stateside-bench eventing");
    document.put("finishedAt", Instant.now().toString());
    document.put("machine", MachineInfo.describe());
    document.put("result", EventingReport.toMap(store, result));
    if (json.isPresent()) {
      Files.writeString(Path.of(json.get()), Json.write(document) + "\n");
      out.println("\nJSON: " + json.get());
    }
    boolean complete = result.seed().map(seed -> seed.errorCount() + seed.unfinished() == 0).orElse(true);
    return complete ? OK : FAILED_REQUESTS;
  }

  private static int latency(Args options, PrintStream out) throws IOException {
    List<Path> files = Arrays.stream(options.optional("histograms")
            .orElseThrow(() -> new IllegalArgumentException("--histograms is required")).split(","))
        .map(String::strip).filter(name -> !name.isEmpty()).map(Path::of).toList();
    options.requireAllRead();
    Histogram merged = LatencyHistograms.merged(files);
    out.printf(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %d requests%n",
        merged.getValueAtPercentile(50) / 1000.0, merged.getValueAtPercentile(99) / 1000.0, merged.getTotalCount());
    return OK;
  }

  private static int freePorts(Args options, PrintStream out) throws IOException {
    int count = options.integer("count", 1);
    options.requireAllRead();
    // All sockets stay open until every port is chosen, so the ports differ.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        out.println(socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
    return OK;
  }

  private static Map<String, Object> document(String kind, Map<String, Object> settings, List<RunResult> results) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", "stateside-bench " + kind);
    document.put("finishedAt", Instant.now().toString());
    document.put("machine", MachineInfo.describe());
    document.put("settings", settings);
    document.put("runs", results.stream().map(ResultReport::toMap).toList());
    return document;
  }

  private static Map<String, Object> suiteSettings(SuiteSettings settings) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("store", settings.store());
    map.put("scenarios", settings.scenarios().stream().sorted().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    map.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
    map.put("firstWarmupSeconds", settings.firstWarmup().toMillis() / 1000.0);
    map.put("durationSeconds", settings.duration().toMillis() / 1000.0);
    map.put("spreadEntities", settings.spreadEntities());
    map.put("inFlight", settings.inFlight());
    map.put("activationEntities", settings.activationEntities());
    map.put("activationEvents", settings.activationEvents());
    map.put("snapshotEvery", BenchServices.SNAPSHOT_EVERY);
    map.put("mix", settings.mix().toString());
    map.put("runId", settings.runId());
    map.put("clientAcceptsGzip", settings.acceptGzip());
    return map;
  }

  private static Map<String, Long> pids(Args options) {
    Map<String, Long> pids = new LinkedHashMap<>();
    options.optionalLong("proxy-pid").ifPresent(pid -> pids.put("proxy", pid));
    options.optionalLong("user-function-pid").ifPresent(pid -> pids.put("user-function", pid));
    options.optionalLong("store-pid").ifPresent(pid -> pids.put("store", pid));
    return pids;
  }

  private static boolean onOff(String value, String option) {
    return switch (value) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException(option + " must be on or off");
    };
  }

  private static StreamTarget.Discipline discipline(String text) {
    return switch (text) {
      case "one-at-a-time" -> StreamTarget.Discipline.ONE_AT_A_TIME;
      case "pipelined" -> StreamTarget.Discipline.PIPELINED;
      default -> throw new IllegalArgumentException("--discipline must be one-at-a-time or pipelined");
    };
  }

  private static int exitCode(List<RunResult> results) {
    boolean clean = results.stream().allMatch(r ->
        r.succeeded() > 0 && r.errorCount() == 0 && r.unfinished() == 0 && r.wrongValues() == 0);
    return clean ? OK : FAILED_REQUESTS;
  }
}
