package io.stateside.tck;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone TCK's command line, turned into overrides of the {@code stateside.tck} settings.
 *
 * @param overrides settings given as options
 * @param configFile a HOCON file of further settings
 * @param help whether to print the usage and stop
 */
public record CommandLine(Config overrides, Optional<Path> configFile, boolean help) {

  public static final String USAGE = """
      Usage: tck [options]

      Runs the Stateside TCK against a proxy and a user function. Without options it runs
      Stateside's proxy and the Java TCK model, both inside the TCK. The model written with the
      published Cloudstate libraries: --user-function-command tck-interop/java-support-0.5.2/bin/tck-model
      or --user-function-command tck-interop/nodejs-0.0.3/bin/tck-model.

      The user function under test (default: the Java TCK model, in-process):
        --user-function HOST:PORT          test a user function that is already running
        --user-function-command 'CMD'      launch it with /bin/sh -c CMD; HOST and PORT are set
                                           in its environment, and it must listen there
        --user-function-port PORT          the PORT to give the launched command (default: a free one)

      The proxy under test (default: Stateside's proxy, in-process):
        --proxy HOST:PORT                  test a proxy that is already running; its user function
                                           port must point at --interceptor-port
        --proxy-command 'CMD'              launch it with /bin/sh -c CMD; HTTP_PORT, USER_FUNCTION_HOST,
                                           USER_FUNCTION_PORT, REMOTING_PORT, MANAGEMENT_PORT and METRICS_PORT
                                           are set in its environment
        --proxy-port PORT                  the HTTP_PORT to give the launched command (default: a free one)
        --no-proxy                         run only the scenarios that talk to the user function

      Other options:
        --interceptor-port PORT            where the TCK's interceptor listens (default: a free one)
        --only GROUP[,GROUP...]            run only these scenario groups: discovery, eventsourced,
                                           valueentity, passivation, action, crdt, eventing
        --timeout DURATION                 how long one expectation waits (default 20s)
        --reports DIR                      where the report and launched commands' output go (default tck-reports)
        --config FILE                      read further settings (stateside.tck { ... }) from a HOCON file
        --help                             print this text

      Exit status: 0 when no scenario failed, 1 when one did, 2 when the TCK could not run. A
      scenario that failed as a known deviation of the published support library under test is
      reported DEV, with its reason, and is not a failure (docs/tck.md).
      """;

  /** @throws IllegalArgumentException on an unknown option or a missing or malformed value */
  public static CommandLine parse(String... args) {
    Map<String, Object> settings = new HashMap<>();
    Optional<Path> configFile = Optional.empty();
    boolean help = false;
    Iterator<String> it = Arrays.asList(args).iterator();
    while (it.hasNext()) {
      String option = it.next();
      switch (option) {
        case "--user-function" -> external(settings, "user-function", value(option, it));
        case "--user-function-command" -> command(settings, "user-function", value(option, it));
        case "--user-function-port" -> settings.put("user-function.port", port(option, value(option, it)));
        case "--proxy" -> external(settings, "proxy", value(option, it));
        case "--proxy-command" -> command(settings, "proxy", value(option, it));
        case "--proxy-port" -> settings.put("proxy.port", port(option, value(option, it)));
        case "--no-proxy" -> settings.put("proxy.mode", "none");
        case "--interceptor-port" -> settings.put("interceptor.port", port(option, value(option, it)));
        case "--only" -> settings.put("only", List.of(value(option, it).split(",")));
        case "--timeout" -> settings.put("timeout", value(option, it));
        case "--reports" -> settings.put("reports-directory", value(option, it));
        case "--config" -> configFile = Optional.of(Path.of(value(option, it)));
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    Config overrides = ConfigFactory.parseMap(settings).atPath("stateside.tck");
    return new CommandLine(overrides, configFile, help);
  }

  /** The options, over system properties, over the config file, over the class path's configuration. */
  public Config config() {
    Config file = configFile.map(path -> ConfigFactory.parseFile(path.toFile())).orElse(ConfigFactory.empty());
    return overrides
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(file)
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  private static void external(Map<String, Object> settings, String which, String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--" + which + " takes HOST:PORT, not " + hostAndPort);
    }
    settings.put(which + ".mode", "external");
    settings.put(which + ".host", hostAndPort.substring(0, colon));
    settings.put(which + ".port", port("--" + which, hostAndPort.substring(colon + 1)));
  }

  private static void command(Map<String, Object> settings, String which, String command) {
    settings.put(which + ".mode", "command");
    settings.put(which + ".command", command);
  }

  private static String value(String option, Iterator<String> it) {
    if (!it.hasNext()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return it.next();
  }

  private static int port(String option, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a port number, not " + value, e);
    }
  }
}
