package io.stateside.samples.shoppingcart;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.typesafe.config.ConfigFactory;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The shopping cart as it runs for real, on free loopback ports: the user function, the proxy
 * with its in-memory journal, and between them a {@link ProtocolRecorder}.
 */
final class CartStack implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final UserFunctionServer userFunction;
  private final ActorSystem testSystem;
  private final ProtocolRecorder recorder;
  private final StatesideProxy proxy;
  private final ShoppingCartServiceClient client;

  private CartStack(Duration passivationTimeout, int snapshotEvery) {
    userFunction = await(UserFunction.builder()
        .serviceName("shopping-cart-test")
        .host("127.0.0.1")
        .port(0)
        .register(ShoppingCartEntity.definition(passivationTimeout, snapshotEvery))
        .build()
        .start());
    testSystem = ActorSystem.create("cart-test", ConfigFactory.parseString("""
            akka.actor.provider = local
            akka.http.server.preview.enable-http2 = on
            akka.http.server.idle-timeout = infinite
            """).withFallback(ConfigFactory.load()));
    recorder = ProtocolRecorder.start(testSystem, userFunction.port());
    proxy = ProxyHarness.start(recorder.port());
    client = ShoppingCartServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), testSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        testSystem);
  }

  static CartStack start(Duration passivationTimeout, int snapshotEvery) {
    return new CartStack(passivationTimeout, snapshotEvery);
  }

  ShoppingCartServiceClient client() {
    return client;
  }

  ProtocolRecorder recorder() {
    return recorder;
  }

  int proxyPort() {
    return proxy.httpPort();
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("Nothing happened within " + TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    await(client.close());
    ProxyHarness.stop(proxy);
    testSystem.terminate();
    await(testSystem.getWhenTerminated());
    await(userFunction.stop());
  }
}
