package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.http.javadsl.ServerBinding;
import java.util.concurrent.CompletionStage;

/** A running {@link UserFunction}. */
public final class UserFunctionServer {

  private final ActorSystem system;
  private final ServerBinding binding;

  UserFunctionServer(ActorSystem system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  /** @return the port the server listens on (the chosen one when started with port 0) */
  public int port() {
    return binding.localAddress().getPort();
  }

  /**
   * Stops accepting connections, gives open entity streams up to 5 seconds to finish, then stops.
   *
   * @return completes when everything has stopped
   */
  public CompletionStage<Void> stop() {
    return CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason()).thenApply(done -> null);
  }

  /** @return completes when the server has stopped, whatever stopped it */
  public CompletionStage<Void> whenStopped() {
    return system.getWhenTerminated().thenApply(terminated -> null);
  }
}
