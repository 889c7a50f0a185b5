package io.stateside.proxy.eventing;

import akka.Done;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A message broker's topics, as eventing uses them (Kafka: {@code eventing.kafka}). Absent when
 * no broker is configured; discovery then refuses methods that name a topic.
 */
public interface TopicSupport {

  /** Publishes the event; completes once the broker has acknowledged it. */
  CompletionStage<Done> publish(OutgoingEvent event);

  /**
   * Starts consuming the subscription's topic on this node, as a member of its consumer group
   * (the broker shares the topic's partitions among the nodes). Each message goes to
   * {@code handler}, in order within its partition; its offset is committed only once the
   * handler's stage completed. A failed handler restarts consumption from the last committed
   * offset, after a back-off.
   */
  void subscribe(Subscription subscription, Function<IncomingEvent, CompletionStage<Done>> handler);

  /** Stops consuming and publishing; completes once the broker clients are closed. */
  CompletionStage<Done> stop();
}
