package io.stateside.proxy.testing;

import akka.actor.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.entity.EntityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A counter user function and a proxy in front of it, with a client: the usual set-up of a
 * test, closed in the reverse order it was started.
 */
public final class ProxyFixture implements AutoCloseable {

  private final ActorSystem userSide;
  private final CounterUserFunction userFunction;
  private final StatesideProxy proxy;
  private final CounterServiceClient client;

  private ProxyFixture(CounterUserFunction.Options options, Config proxyOverrides, List<EntityKind> kinds) {
    userSide = ProxyHarness.userSideSystem();
    userFunction = CounterUserFunction.start(userSide, options);
    proxy = StatesideProxy.start(ProxyHarness.config(userFunction.port(), proxyOverrides), kinds)
        .toCompletableFuture().join();
    client = ProxyHarness.counterClient(proxy, userSide);
  }

  public static ProxyFixture start() {
    return start(CounterUserFunction.Options.defaults(), Map.of());
  }

  public static ProxyFixture start(CounterUserFunction.Options options, Map<String, Object> proxyOverrides) {
    return start(options, ConfigFactory.parseMap(proxyOverrides));
  }

  public static ProxyFixture start(CounterUserFunction.Options options, Config proxyOverrides) {
    return new ProxyFixture(options, proxyOverrides, StatesideProxy.standardKinds());
  }

  /** A proxy that serves one more kind beside the standard ones (the options declare its services). */
  public static ProxyFixture startWith(EntityKind kind, CounterUserFunction.Options options, Map<String, Object> proxyOverrides) {
    List<EntityKind> kinds = new ArrayList<>(StatesideProxy.standardKinds());
    kinds.add(kind);
    return new ProxyFixture(options, ConfigFactory.parseMap(proxyOverrides), kinds);
  }

  public ActorSystem userSide() {
    return userSide;
  }

  public CounterUserFunction userFunction() {
    return userFunction;
  }

  public StatesideProxy proxy() {
    return proxy;
  }

  public CounterServiceClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    ProxyHarness.stop(proxy);
    userFunction.close();
    userSide.terminate();
  }
}
