package io.stateside.cluster.testing;

import io.stateside.proxy.jdbc.JdbcProxy;
import io.stateside.proxy.jdbc.testing.ChildProcess;
import io.stateside.proxy.jdbc.testing.FreePort;
import io.stateside.proxy.jdbc.testing.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of a local cluster, as an operator would run it: a shopping-cart user function in a
 * JVM of its own, and beside it a JDBC proxy JVM configured through system properties, each on
 * its own loopback ports. Both are child processes that cannot outlive the test JVM.
 */
public final class ClusterNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  /** The ports of one node. */
  public record Ports(int http, int remoting, int management, int metrics, int userFunction) {
    public static Ports free() {
      return new Ports(FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find());
    }
  }

  private final String name;
  private final Ports ports;
  private final Path proxyLog;
  private final Path userFunctionLog;
  private ChildProcess userFunction;
  private ChildProcess proxy;

  public ClusterNode(String name, Ports ports) {
    this.name = name;
    this.ports = ports;
    try {
      this.proxyLog = Files.createTempFile("stateside-" + name + "-proxy", ".log");
      this.userFunctionLog = Files.createTempFile("stateside-" + name + "-uf", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public Ports ports() {
    return ports;
  }

  /** Starts the shopping-cart sample on this node's user-function port. */
  public void startUserFunction() {
    List<String> command = new ArrayList<>(List.of("env", "HOST=127.0.0.1", "PORT=" + ports.userFunction(),
        java(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", SampleClassPath.get(), "io.stateside.samples.shoppingcart.Main"));
    userFunction = ChildProcess.start(name + "-user-function", ServerAccount.current(), command, userFunctionLog, "KILL");
  }

  /** Starts the proxy JVM with these settings (system properties) above the node's own. */
  public void startProxy(Map<String, Object> settings) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx320m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
    Map<String, Object> own = Map.of(
        "stateside.proxy.http-interface", "127.0.0.1",
        "stateside.proxy.http-port", ports.http(),
        "stateside.proxy.user-function-port", ports.userFunction(),
        "stateside.proxy.metrics.port", ports.metrics(),
        "akka.remote.artery.canonical.port", ports.remoting(),
        "akka.management.http.port", ports.management(),
        "akka.cluster.jmx.enabled", "off");
    own.forEach((key, value) -> {
      if (!settings.containsKey(key)) {
        command.add("-D" + key + "=" + value);
      }
    });
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(JdbcProxy.class.getName());
    proxy = ChildProcess.start(name + "-proxy", ServerAccount.current(), command, proxyLog, "KILL");
  }

  public boolean proxyAlive() {
    return proxy != null && proxy.isAlive();
  }

  /** The HTTP status of GET /ready on the management port, or -1 when nothing answers. */
  public int ready() {
    return status(ports.management(), "/ready");
  }

  /** The HTTP status of GET /alive on the management port, or -1 when nothing answers. */
  public int alive() {
    return status(ports.management(), "/alive");
  }

  public boolean isReady() {
    return ready() == 200;
  }

  /** GET /metrics in the Prometheus text format. */
  public String metrics() {
    return get(ports.metrics(), "/metrics").body();
  }

  /** A GET on the management port (e.g. /cluster/members). */
  public String management(String path) {
    return get(ports.management(), path).body();
  }

  /** Waits until /ready answers 200, failing early if the proxy exits. */
  public void awaitReady(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!isReady()) {
      if (!proxyAlive()) {
        throw new IllegalStateException(name + "'s proxy exited while starting:\n" + ChildProcess.tail(proxyLog));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready within " + limit + ":\n" + ChildProcess.tail(proxyLog));
      }
      sleep(200);
    }
  }

  /** SIGKILL: the proxy's JVM vanishes, as in a crash or an OOM kill. */
  public void killProxy() {
    proxy.signalAndAwait("KILL");
  }

  /** Sends SIGTERM to the proxy without waiting. */
  public void sigtermProxy() {
    try {
      new ProcessBuilder("kill", "-s", "TERM", Long.toString(proxy.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The proxy's exit code, waiting up to the given seconds (Integer.MIN_VALUE if it still runs). */
  public int awaitProxyExit(long seconds) {
    return proxy.awaitExit(seconds);
  }

  public String proxyLog() {
    try {
      return Files.readString(proxyLog);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.signalAndAwait("KILL");
    }
    if (userFunction != null) {
      userFunction.signalAndAwait("KILL");
    }
    try {
      Files.deleteIfExists(proxyLog);
      Files.deleteIfExists(userFunctionLog);
    } catch (IOException e) {
      // Leftover logs in the temp folder do no harm.
    }
  }

  private static int status(int port, String path) {
    try {
      return send(port, path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static HttpResponse<String> get(int port, String path) {
    try {
      return send(port, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(int port, String path) throws IOException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
