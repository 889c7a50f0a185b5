package io.stateside.proxy.eventing;

import akka.actor.ActorSystem;
import java.util.Optional;

/** The message broker eventing uses for topics, when one is configured. */
public final class Topics {

  private Topics() {
  }

  /** The configured broker's topics; empty when {@code stateside.proxy.eventing.kafka.bootstrap-servers} is. */
  public static Optional<TopicSupport> configured(ActorSystem system) {
    String bootstrapServers = system.settings().config().getString("stateside.proxy.eventing.kafka.bootstrap-servers");
    if (bootstrapServers.isBlank()) {
      return Optional.empty();
    }
    throw new IllegalStateException("Kafka topics are not served yet (stateside.proxy.eventing.kafka.bootstrap-servers = "
        + bootstrapServers + ")");
  }
}
