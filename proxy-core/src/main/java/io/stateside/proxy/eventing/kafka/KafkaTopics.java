package io.stateside.proxy.eventing.kafka;

import akka.Done;
import akka.actor.ActorSystem;
import io.stateside.proxy.eventing.IncomingEvent;
import io.stateside.proxy.eventing.OutgoingEvent;
import io.stateside.proxy.eventing.Subscription;
import io.stateside.proxy.eventing.SubscriptionSource;
import io.stateside.proxy.eventing.TopicSupport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Topics on Kafka, with Alpakka Kafka: one consumer per topic subscription on every node (the
 * consumer group shares the partitions among the nodes), one producer per node for replies.
 * Records are CloudEvents in Kafka's binary content mode ({@link CloudEventRecords}).
 */
public final class KafkaTopics implements TopicSupport {

  private final ActorSystem system;
  private final KafkaTopicSettings settings;
  private final TopicPublisher publisher;
  private final List<TopicConsumer> consumers = new CopyOnWriteArrayList<>();

  private KafkaTopics(ActorSystem system, KafkaTopicSettings settings) {
    this.system = system;
    this.settings = settings;
    this.publisher = new TopicPublisher(system, settings);
  }

  /** Topics on the configured brokers; checks in the background that they answer, and logs the outcome. */
  public static KafkaTopics start(ActorSystem system, KafkaTopicSettings settings) {
    KafkaTopics topics = new KafkaTopics(system, settings);
    BrokerCheck.run(system, settings);
    return topics;
  }

  @Override
  public CompletionStage<Done> publish(OutgoingEvent event) {
    return publisher.publish(event);
  }

  @Override
  public void subscribe(Subscription subscription, Function<IncomingEvent, CompletionStage<Done>> handler) {
    if (!(subscription.source() instanceof SubscriptionSource.Topic)) {
      throw new IllegalArgumentException("not a topic subscription: " + subscription.describe());
    }
    consumers.add(TopicConsumer.start(system, settings, subscription, handler));
  }

  /** Consumers first (what they deliver may still publish), then the producer. */
  @Override
  public CompletionStage<Done> stop() {
    CompletableFuture<?>[] stopped = consumers.stream()
        .map(consumer -> consumer.stop().toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(stopped).thenCompose(all -> publisher.close());
  }
}
