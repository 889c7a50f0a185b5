package io.stateside.tck.environment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.StatesideProxy;
import io.stateside.tck.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The proxy the TCK tests, pointed at the interceptor: where its frontend listens, and how to stop
 * it if the TCK started it.
 */
public final class ProxyUnderTest extends ImplementationUnderTest {

  private ProxyUnderTest(String host, int port, String origin, AutoCloseable stopper) {
    super("proxy", host, port, origin, stopper);
  }

  /**
   * Starts or finds the proxy as the settings say, and waits until it has discovered the user
   * function through the interceptor and serves its frontend. Empty when the settings say no proxy.
   *
   * @param config the TCK's whole configuration; an in-process Stateside proxy takes its settings from it
   */
  public static Optional<ProxyUnderTest> start(TckSettings settings, Config config, Interceptor interceptor)
      throws Exception {
    TckSettings.Endpoint endpoint = settings.proxy();
    return switch (endpoint.mode()) {
      case NONE -> Optional.empty();
      case IN_PROCESS -> {
        StatesideProxy proxy = StatesideProxy.start(inProcessConfig(endpoint, settings, interceptor, config))
            .toCompletableFuture().get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        yield Optional.of(new ProxyUnderTest(endpoint.host(), proxy.httpPort(), "Stateside's proxy, in-process",
            () -> proxy.stop().toCompletableFuture().get(30, TimeUnit.SECONDS)));
      }
      case COMMAND -> {
        int port = endpoint.port() != 0 ? endpoint.port() : Ports.free(endpoint.host());
        LaunchedProcess process = LaunchedProcess.start("proxy", endpoint.command(), Map.of(
                "HTTP_PORT", Integer.toString(port),
                "USER_FUNCTION_HOST", settings.interceptorHost(),
                "USER_FUNCTION_PORT", Integer.toString(interceptor.port()),
                "REMOTING_PORT", Integer.toString(Ports.free(endpoint.host())),
                "MANAGEMENT_PORT", Integer.toString(Ports.free(endpoint.host())),
                "METRICS_PORT", Integer.toString(Ports.free(endpoint.host()))),
            settings.directory(), settings.reportsDirectory().resolve("proxy.log"));
        try {
          awaitReady(endpoint.host(), port, settings.startupTimeout(), interceptor, process::isAlive);
        } catch (RuntimeException | InterruptedException e) {
          process.close();
          throw new IllegalStateException(e.getMessage() + " (see " + process.logFile() + ")", e);
        }
        yield Optional.of(new ProxyUnderTest(endpoint.host(), port, "launched with: " + endpoint.command(), process));
      }
      case EXTERNAL -> {
        awaitReady(endpoint.host(), endpoint.port(), settings.startupTimeout(), interceptor, () -> true);
        yield Optional.of(new ProxyUnderTest(endpoint.host(), endpoint.port(), "running", () -> { }));
      }
    };
  }

  /**
   * Stateside's proxy on free ports, pointed at the interceptor, checking that its messages could
   * cross nodes. The HTTP settings repeat proxy-core's reference.conf: on a classpath where
   * akka-http's jar comes first, its reference.conf would win and the frontend would not speak
   * HTTP/2.
   */
  private static Config inProcessConfig(TckSettings.Endpoint endpoint, TckSettings settings, Interceptor interceptor,
                                        Config config) {
    return ConfigFactory.parseMap(Map.ofEntries(
            Map.entry("akka.http.server.preview.enable-http2", "on"),
            Map.entry("akka.http.server.idle-timeout", "infinite"),
            Map.entry("akka.http.client.idle-timeout", "infinite")))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "stateside.proxy.http-interface", endpoint.host(),
            "stateside.proxy.http-port", endpoint.port(),
            "stateside.proxy.user-function-host", settings.interceptorHost(),
            "stateside.proxy.user-function-port", interceptor.port(),
            "stateside.proxy.discovery.min-backoff", "100ms",
            "akka.remote.artery.canonical.hostname", endpoint.host(),
            "akka.remote.artery.canonical.port", 0,
            "akka.actor.serialize-messages", "on",
            "akka.cluster.jmx.enabled", "off",
            "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off")))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "akka.management.http.port", 0,
            "stateside.proxy.metrics.port", 0)))
        .withFallback(config)
        .resolve();
  }

  private static void awaitReady(String host, int port, Duration limit, Interceptor interceptor, BooleanSupplier alive)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (interceptor.discovery().awaitAnswered(Duration.ofMillis(500)).isEmpty()) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException("the proxy exited before discovering the user function");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the proxy did not discover the user function through the interceptor "
            + "(port " + interceptor.port() + ") within " + limit);
      }
    }
    Ports.awaitListening("the proxy", host, port, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), alive);
  }
}
