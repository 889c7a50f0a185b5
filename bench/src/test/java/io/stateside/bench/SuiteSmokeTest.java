package io.stateside.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.bench.cli.BenchCommands;
import io.stateside.bench.load.CommandMix;
import io.stateside.bench.load.RunResult;
import io.stateside.bench.suite.Scenario;
import io.stateside.bench.suite.StandardSuite;
import io.stateside.bench.suite.SuiteSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The standard suite and the command line, scaled down to a handful of requests. */
class SuiteSmokeTest {

  @RegisterExtension
  static final BenchEnvironment environment = new BenchEnvironment();

  @Test
  void standardSuiteRunsEveryScenario() throws InterruptedException {
    SuiteSettings settings = new SuiteSettings("in-memory", "127.0.0.1", environment.proxyPort(),
        OptionalInt.of(environment.userFunctionPort()), Map.of(), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
        5, 4, 6, 10, CommandMix.parse("increase=80,get=20"), EnumSet.allOf(Scenario.class), "suite-smoke",
        Duration.ofSeconds(60), Duration.ofSeconds(60), true);
    List<String> progress = new ArrayList<>();
    List<RunResult> streamed = new ArrayList<>();

    List<RunResult> results = new StandardSuite(settings, progress::add).run(streamed::add);

    assertEquals(List.of("spread", "hot", "activation-replay-seed", "activation-replay", "activation-snapshot-seed",
            "activation-snapshot", "baseline-spread", "baseline-hot", "baseline-hot-pipelined"),
        results.stream().map(result -> result.plan().name()).toList());
    assertEquals(results, streamed);
    for (RunResult result : results) {
      String name = result.plan().name();
      assertEquals(Map.of(), result.errors(), name);
      assertEquals(0, result.unfinished(), name);
      assertEquals(0, result.wrongValues(), name);
      if (name.startsWith("activation")) {
        assertEquals(6, result.succeeded(), name);
      }
    }
    assertTrue(progress.stream().anyMatch(line -> line.contains("passivate")));
  }

  @Test
  void runCommandPrintsTablesAndWritesJson(@TempDir Path folder) throws Exception {
    Path json = folder.resolve("run.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = BenchCommands.execute(new String[] {"run", "--port", Integer.toString(environment.proxyPort()),
            "--entities", "3", "--in-flight", "2", "--requests", "12", "--json", json.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(BenchCommands.OK, exit, err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.contains("p99.9 ms"), printed);
    assertTrue(printed.contains("proxy CPU µs/req"), printed);
    String document = Files.readString(json);
    assertTrue(document.contains("\"succeeded\": 12"), document);
    assertTrue(document.contains("\"p99.9\":"), document);
    assertTrue(document.contains("\"throughputPerSecond\":"), document);
  }

  @Test
  void freePortsPrintsDistinctPorts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = BenchCommands.execute(new String[] {"free-ports", "--count", "3"},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertEquals(BenchCommands.OK, exit);
    List<String> ports = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, ports.stream().distinct().count(), ports.toString());
  }
}
