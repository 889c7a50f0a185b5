package io.stateside.proxy.health;

import akka.Done;
import akka.actor.AbstractExtensionId;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.pattern.Patterns;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a proxy node is in its life, as its readiness check reports it: not ready until the user
 * function is discovered, the store has taken a write and the frontend serves (cluster membership
 * is checked by akka-management's own {@code cluster-membership} check); not ready again from the
 * first moment of a shutdown, so that a load balancer drains the node before its frontend unbinds.
 */
public final class ProxyHealth implements Extension {

  private static final Logger log = LoggerFactory.getLogger(ProxyHealth.class);

  /** The steps of a node's start, in order; the node is ready only in {@link #SERVING}. */
  public enum Stage {
    STARTING("joining the cluster and discovering the user function"),
    SERVING("serving"),
    SHUTTING_DOWN("shutting down");

    private final String description;

    Stage(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final AtomicReference<Stage> stage = new AtomicReference<>(Stage.STARTING);

  private ProxyHealth(ActorSystem system) {
    Duration delay = system.settings().config().getDuration("stateside.proxy.shutdown.unready-delay");
    // The first phase of a coordinated shutdown: readiness goes false, then the frontend keeps
    // serving for the delay so that load balancers stop sending calls before it unbinds.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stateside-unready", () -> {
      stage.set(Stage.SHUTTING_DOWN);
      if (delay.isZero()) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      log.info("Readiness is false; serving for {} more before unbinding, while load balancers drain this node", delay);
      return Patterns.after(delay, system.scheduler(), system.dispatcher(),
          () -> CompletableFuture.completedFuture(Done.getInstance()));
    });
  }

  public static ProxyHealth get(ActorSystem system) {
    return Id.INSTANCE.get(system);
  }

  /** The frontend serves: from now on readiness follows cluster membership, until shutdown. */
  public void serving() {
    stage.compareAndSet(Stage.STARTING, Stage.SERVING);
  }

  public Stage stage() {
    return stage.get();
  }

  /** What the readiness check answers. */
  CompletionStage<Boolean> ready() {
    Stage now = stage.get();
    if (now == Stage.SERVING) {
      return CompletableFuture.completedFuture(true);
    }
    return CompletableFuture.failedFuture(new IllegalStateException("the proxy is " + now.description()));
  }

  private static final class Id extends AbstractExtensionId<ProxyHealth> {
    static final Id INSTANCE = new Id();

    @Override
    public ProxyHealth createExtension(ExtendedActorSystem system) {
      return new ProxyHealth(system);
    }
  }
}
