package io.stateside.proxy.action;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.JavaActions;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;

/** The Java actions, a proxy in front of them and a client side, closed in the reverse order they started. */
final class ActionStack implements AutoCloseable {

  private final ActorSystem clientSide;
  private final JavaActions userFunction;
  private final StatesideProxy proxy;

  private ActionStack() {
    clientSide = ProxyHarness.userSideSystem();
    userFunction = JavaActions.start();
    proxy = ProxyHarness.start(userFunction.port());
  }

  static ActionStack start() {
    return new ActionStack();
  }

  ActorSystem clientSide() {
    return clientSide;
  }

  JavaActions userFunction() {
    return userFunction;
  }

  StatesideProxy proxy() {
    return proxy;
  }

  /** Settings of a client of the proxy whose calls have the given deadline. */
  GrpcClientSettings clientSettings(Duration deadline) {
    return GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSide)
        .withTls(false)
        .withDeadline(deadline);
  }

  @Override
  public void close() {
    ProxyHarness.stop(proxy);
    userFunction.close();
    clientSide.terminate();
  }
}
