package io.stateside.tck.environment;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The TCK's settings, read from {@code stateside.tck} (see the TCK's reference.conf).
 *
 * @param userFunction the user function under test
 * @param proxy the proxy under test
 * @param interceptorHost where the interceptor listens
 * @param interceptorPort where the interceptor listens; 0 picks a free port
 * @param directory the working directory of launched commands
 * @param timeout how long one expectation waits
 * @param startupTimeout how long the implementations may take to start
 * @param reportsDirectory where the report and the output of launched commands go
 * @param only the ids of the scenario groups to run; empty runs all
 */
public record TckSettings(
    Endpoint userFunction,
    Endpoint proxy,
    String interceptorHost,
    int interceptorPort,
    Path directory,
    Duration timeout,
    Duration startupTimeout,
    Path reportsDirectory,
    List<String> only) {

  /**
   * One implementation under test.
   *
   * @param mode how the TCK gets hold of it
   * @param host its host (external), or the interface it should listen on (in-process, command)
   * @param port its port; 0 lets the TCK pick a free one (in-process, command)
   * @param command the command line that starts it (command)
   */
  public record Endpoint(Mode mode, String host, int port, String command) {}

  public static TckSettings from(Config root) {
    Config tck = root.getConfig("stateside.tck");
    TckSettings settings = new TckSettings(
        endpoint(tck.getConfig("user-function")),
        endpoint(tck.getConfig("proxy")),
        tck.getString("interceptor.host"),
        tck.getInt("interceptor.port"),
        Path.of(tck.getString("directory")),
        tck.getDuration("timeout"),
        tck.getDuration("startup-timeout"),
        Path.of(tck.getString("reports-directory")),
        tck.getStringList("only"));
    settings.validate();
    return settings;
  }

  private static Endpoint endpoint(Config config) {
    return new Endpoint(Mode.parse(config.getString("mode")), config.getString("host"), config.getInt("port"),
        config.getString("command"));
  }

  private void validate() {
    if (userFunction.mode() == Mode.NONE) {
      throw new IllegalArgumentException("the user function cannot be 'none': every scenario needs one");
    }
    for (Endpoint endpoint : List.of(userFunction, proxy)) {
      if (endpoint.mode() == Mode.COMMAND && endpoint.command().isBlank()) {
        throw new IllegalArgumentException("mode 'command' needs a command line");
      }
      if (endpoint.mode() == Mode.EXTERNAL && endpoint.port() == 0) {
        throw new IllegalArgumentException("mode 'external' needs the port the implementation listens on");
      }
    }
    if (proxy.mode() == Mode.EXTERNAL && interceptorPort == 0) {
      throw new IllegalArgumentException("a running proxy must discover the user function through the interceptor: "
          + "set the interceptor port to the port the proxy's user-function port points to");
    }
  }
}
