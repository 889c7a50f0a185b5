package io.stateside.proxy.health;

import akka.actor.ActorSystem;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The proxy's readiness check on the management port ({@code /ready}), registered in
 * reference.conf under {@code akka.management.health-checks.readiness-checks}. akka-management
 * creates it with the actor system.
 */
public final class ProxyReadinessCheck implements Supplier<CompletionStage<Boolean>> {

  private final ProxyHealth health;

  public ProxyReadinessCheck(ActorSystem system) {
    this.health = ProxyHealth.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return health.ready();
  }
}
