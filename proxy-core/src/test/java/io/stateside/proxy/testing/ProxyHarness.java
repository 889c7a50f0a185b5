package io.stateside.proxy.testing;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.proxy.StatesideProxy;
import java.time.Duration;
import java.util.Map;

/**
 * Starts real proxies for tests: each in its own actor system, on free ports, pointed at a
 * user function on loopback, with cross-node serialization checks on.
 */
public final class ProxyHarness {

  private ProxyHarness() {}

  /** Test settings layered over the given overrides and the proxy's reference.conf. */
  public static Config config(int userFunctionPort, Map<String, Object> overrides) {
    return config(userFunctionPort, ConfigFactory.parseMap(overrides));
  }

  public static Config config(int userFunctionPort, Config overrides) {
    return overrides
        .withFallback(ConfigFactory.parseMap(Map.of(
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
            "stateside.proxy.metrics.port", 0)))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  public static StatesideProxy start(int userFunctionPort, Map<String, Object> overrides) {
    return StatesideProxy.start(config(userFunctionPort, overrides)).toCompletableFuture().join();
  }

  public static StatesideProxy start(int userFunctionPort, Config overrides) {
    return StatesideProxy.start(config(userFunctionPort, overrides)).toCompletableFuture().join();
  }

  public static StatesideProxy start(int userFunctionPort) {
    return start(userFunctionPort, Map.of());
  }

  /**
   * An actor system for the user-function side of a test: local only, no cluster, and no idle
   * timeout on its server, which holds the entity streams for as long as their entities live.
   */
  public static ActorSystem userSideSystem() {
    return ActorSystem.create("user-side", config(0, Map.of(
        "akka.actor.provider", "local",
        "akka.http.server.idle-timeout", "infinite")));
  }

  public static CounterServiceClient counterClient(StatesideProxy proxy, ActorSystem clientSystem) {
    return CounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        clientSystem);
  }

  public static void stop(StatesideProxy proxy) {
    if (proxy != null) {
      proxy.stop().toCompletableFuture().join();
    }
  }
}
