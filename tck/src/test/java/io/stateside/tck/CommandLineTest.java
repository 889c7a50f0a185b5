package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.tck.environment.Mode;
import io.stateside.tck.environment.TckSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static TckSettings settings(String... args) {
    return TckSettings.from(CommandLine.parse(args).config());
  }

  @Test
  void defaultsRunStatesideAndTheJavaModelInProcess() {
    TckSettings settings = settings();
    assertEquals(Mode.IN_PROCESS, settings.proxy().mode());
    assertEquals(Mode.IN_PROCESS, settings.userFunction().mode());
    assertEquals(0, settings.interceptorPort());
    assertEquals(List.of(), settings.only());
  }

  @Test
  void runningImplementationsAreGivenByHostAndPort() {
    TckSettings settings = settings("--proxy", "10.0.0.5:9000", "--user-function", "localhost:8080",
        "--interceptor-port", "8090");
    assertEquals(new TckSettings.Endpoint(Mode.EXTERNAL, "10.0.0.5", 9000, ""), settings.proxy());
    assertEquals(new TckSettings.Endpoint(Mode.EXTERNAL, "localhost", 8080, ""), settings.userFunction());
    assertEquals(8090, settings.interceptorPort());
  }

  @Test
  void launchedImplementationsAreGivenByCommandLine() {
    TckSettings settings = settings("--proxy-command", "./run-proxy.sh --fast", "--proxy-port", "9100",
        "--user-function-command", "node index.js", "--only", "discovery,eventsourced", "--timeout", "45s",
        "--reports", "out");
    assertEquals(new TckSettings.Endpoint(Mode.COMMAND, "127.0.0.1", 9100, "./run-proxy.sh --fast"), settings.proxy());
    assertEquals(Mode.COMMAND, settings.userFunction().mode());
    assertEquals("node index.js", settings.userFunction().command());
    assertEquals(List.of("discovery", "eventsourced"), settings.only());
    assertEquals(Duration.ofSeconds(45), settings.timeout());
    assertEquals(Path.of("out"), settings.reportsDirectory());
  }

  @Test
  void withoutAProxyOnlyTheUserFunctionIsTested() {
    assertEquals(Mode.NONE, settings("--no-proxy").proxy().mode());
  }

  @Test
  void aRunningProxyNeedsAKnownInterceptorPort() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> settings("--proxy", "localhost:9000"));
    assertTrue(error.getMessage().contains("interceptor port"), error.getMessage());
  }

  @Test
  void rejectsWhatItDoesNotUnderstand() {
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--proxy-port", "http"));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--timeout"));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--frobnicate"));
    assertThrows(IllegalArgumentException.class, () -> ScenarioGroups.selected(List.of("workflows")));
  }
}
