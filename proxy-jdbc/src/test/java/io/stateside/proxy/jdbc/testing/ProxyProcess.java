package io.stateside.proxy.jdbc.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.jdbc.JdbcProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDBC proxy's main class in a JVM of its own, configured through system properties as an
 * operator would, so that a test can kill it outright (SIGKILL) as a crash would.
 */
public final class ProxyProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final ChildProcess process;
  private final int port;
  private final Path log;

  private ProxyProcess(ChildProcess process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code java io.stateside.proxy.jdbc.JdbcProxy} and waits until it serves. */
  public static ProxyProcess start(TestDatabase database, int userFunctionPort) {
    return start(JdbcProxy.class.getName(), database, userFunctionPort);
  }

  /** Starts the proxy main class {@code mainClass} (another store module's) and waits until it serves. */
  public static ProxyProcess start(String mainClass, TestDatabase database, int userFunctionPort) {
    int port = FreePort.find();
    Path log = createLog();
    Config settings = database.proxyConfig().withFallback(ConfigFactory.parseMap(Map.of(
        "stateside.proxy.http-interface", "127.0.0.1",
        "stateside.proxy.http-port", port,
        "stateside.proxy.user-function-port", userFunctionPort,
        "akka.remote.artery.canonical.port", 0,
        "akka.cluster.jmx.enabled", "off")))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "akka.management.http.port", 0,
            "stateside.proxy.metrics.port", 0)));
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m",
        "-cp", System.getProperty("java.class.path")));
    settings.entrySet().forEach(setting -> command.add("-D" + setting.getKey() + "=" + setting.getValue().unwrapped()));
    command.add(mainClass);
    ProxyProcess proxy = new ProxyProcess(ChildProcess.start("proxy", ServerAccount.current(), command, log, "KILL"), port, log);
    try {
      proxy.awaitServing();
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The proxy JVM's process id (setpriv, when it wraps the command, execs the JVM in place). */
  public long pid() {
    return process.pid();
  }

  /** Kills the proxy's JVM with SIGKILL: no shutdown hook, no flush, nothing. */
  public void kill() {
    process.signalAndAwait("KILL");
  }

  /** Sends SIGTERM, as an orchestrator stopping the pod would; returns the exit code. */
  public int terminate() {
    process.signalAndAwait("TERM");
    return process.awaitExit(0);
  }

  /** What the proxy wrote to its standard output so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A leftover log in the temp folder does no harm.
    }
  }

  /** The proxy binds its port only once the user function is discovered. */
  private void awaitServing() {
    Instant giveUp = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The proxy exited during start:\n" + ChildProcess.tail(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(giveUp)) {
          throw new IllegalStateException("The proxy did not serve within " + STARTUP_TIMEOUT + ":\n" + ChildProcess.tail(log));
        }
        Pause.briefly();
      }
    }
  }

  private static Path createLog() {
    try {
      return Files.createTempFile("stateside-proxy-process", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
