package io.stateside.proxy.jdbc.testing;

import akka.actor.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.jdbc.JdbcProxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the JDBC proxy the way its main class does, pointed at a test database and a user
 * function on loopback, on free ports, with cross-node serialization checks on.
 */
public final class JdbcProxyHarness {

  private JdbcProxyHarness() {
  }

  public static StatesideProxy start(TestDatabase database, int userFunctionPort) {
    return start(database, userFunctionPort, ConfigFactory.empty());
  }

  /** With settings of the test's own above the database's and the harness's. */
  public static StatesideProxy start(TestDatabase database, int userFunctionPort, Config settings) {
    Config overrides = settings.withFallback(database.proxyConfig()).withFallback(ConfigFactory.parseMap(Map.of(
        "stateside.proxy.http-interface", "127.0.0.1",
        "stateside.proxy.http-port", 0,
        "stateside.proxy.user-function-port", userFunctionPort,
        "stateside.proxy.discovery.min-backoff", "100ms",
        "stateside.proxy.discovery.max-backoff", "1s",
        "akka.remote.artery.canonical.port", 0,
        "akka.actor.serialize-messages", "on",
        "akka.cluster.jmx.enabled", "off",
        "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off")))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "akka.management.http.port", 0,
            "stateside.proxy.metrics.port", 0)));
    try {
      return JdbcProxy.start(overrides).toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The JDBC proxy did not start on " + database.name(), e);
    }
  }

  public static void stop(StatesideProxy proxy) {
    if (proxy != null) {
      proxy.stop().toCompletableFuture().join();
      proxy.system().getWhenTerminated().toCompletableFuture().join();
    }
  }

  /** An actor system for the test side (user function and clients): no cluster, HTTP/2 on. */
  public static ActorSystem testSideSystem(String name) {
    return ActorSystem.create(name, ConfigFactory.parseMap(Map.of(
            "akka.actor.provider", "local",
            "akka.http.server.preview.enable-http2", "on",
            "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"))
        .withFallback(ConfigFactory.load()));
  }
}
