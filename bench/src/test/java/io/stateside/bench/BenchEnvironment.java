package io.stateside.bench;

import com.typesafe.config.ConfigFactory;
import io.stateside.bench.userfunction.BenchUserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real benchmark user function and a real proxy (in-memory store) in the test JVM, on free
 * loopback ports, for the generator's smoke tests.
 */
public final class BenchEnvironment implements BeforeAllCallback, AfterAllCallback {

  private UserFunctionServer userFunction;
  private StatesideProxy proxy;

  @Override
  public void beforeAll(ExtensionContext context) {
    userFunction = BenchUserFunction.builder().host("127.0.0.1").port(0).build()
        .start().toCompletableFuture().join();
    proxy = StatesideProxy.start(ConfigFactory.parseMap(Map.of(
                "stateside.proxy.http-interface", "127.0.0.1",
                "stateside.proxy.http-port", 0,
                "stateside.proxy.user-function-port", userFunction.port(),
                "akka.remote.artery.canonical.port", 0,
                "akka.cluster.jmx.enabled", "off",
                "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"))
            .withFallback(ConfigFactory.parseMap(Map.of(
            "akka.management.http.port", 0,
            "stateside.proxy.metrics.port", 0)))
            .withFallback(ConfigFactory.load())
            .resolve())
        .toCompletableFuture().join();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (proxy != null) {
      proxy.stop().toCompletableFuture().join();
    }
    if (userFunction != null) {
      userFunction.stop().toCompletableFuture().join();
    }
  }

  public int proxyPort() {
    return proxy.httpPort();
  }

  public int userFunctionPort() {
    return userFunction.port();
  }
}
