package io.stateside.proxy.eventing;

import akka.actor.ActorSystem;
import io.stateside.proxy.eventing.kafka.KafkaTopicSettings;
import io.stateside.proxy.eventing.kafka.KafkaTopics;
import java.util.Optional;

/** The message broker eventing uses for topics, when one is configured. */
public final class Topics {

  private Topics() {
  }

  /** Kafka's topics; empty when {@code stateside.proxy.eventing.kafka.bootstrap-servers} is. */
  public static Optional<TopicSupport> configured(ActorSystem system) {
    KafkaTopicSettings settings = KafkaTopicSettings.from(system.settings().config());
    if (settings.bootstrapServers().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(KafkaTopics.start(system, settings));
  }
}
