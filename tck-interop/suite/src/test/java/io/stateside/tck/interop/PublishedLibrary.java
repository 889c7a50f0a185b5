package io.stateside.tck.interop;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.tck.action.ActionScenarios;
import io.stateside.tck.crdt.CrdtScenarios;
import io.stateside.tck.eventing.EventingScenarios;
import io.stateside.tck.valueentity.ValueEntityScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Where the programs of the published libraries are, and the TCK settings that run one of them. */
final class PublishedLibrary {

  /**
   * Scenario groups the published libraries' TCK models here do not declare: value entities,
   * which neither library serves (Cloudstate's value-entity protocol came after both releases),
   * actions and CRDTs, which both libraries have but whose TCK models are not written with them
   * here (their models in this directory implement the event-sourced model only), and eventing
   * from event logs, whose TCK model came after both releases.
   */
  static final Set<String> UNSERVED_GROUPS =
      Set.of(ValueEntityScenarios.ID, ActionScenarios.ID, CrdtScenarios.ID, EventingScenarios.ID);

  private PublishedLibrary() {}

  /** {@code tck-interop/}, which holds one directory per published library. */
  static Path interopDirectory() {
    return Path.of(System.getProperty("stateside.interop.directory", "..")).toAbsolutePath().normalize();
  }

  /**
   * The TCK's settings for the library whose TCK model is {@code <name>/bin/tck-model}: that
   * program launched as the user function, Stateside's proxy in-process in front of it.
   */
  static Config tckConfig(String name) {
    Path reports = Path.of(System.getProperty("stateside.interop.reports", "target/tck")).resolve(name);
    return ConfigFactory.parseMap(Map.of(
            "stateside.tck.user-function.mode", "command",
            "stateside.tck.user-function.command", "'" + interopDirectory().resolve(name).resolve("bin/tck-model") + "'",
            "stateside.tck.reports-directory", reports.toString()))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** Runs {@code <name>/bin/<script>}, its output in the reports directory; fails with its tail if it fails. */
  static void run(String name, String script, long timeoutMinutes) throws IOException, InterruptedException {
    Path reports = Path.of(System.getProperty("stateside.interop.reports", "target/tck")).resolve(name);
    Files.createDirectories(reports);
    Path log = reports.resolve(script + ".log");
    Process process = new ProcessBuilder(interopDirectory().resolve(name).resolve("bin").resolve(script).toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean ended = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    if (!ended || process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new AssertionError(name + "/bin/" + script + (ended ? " failed" : " did not finish in " + timeoutMinutes + " min")
          + " (" + log + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
    }
  }
}
