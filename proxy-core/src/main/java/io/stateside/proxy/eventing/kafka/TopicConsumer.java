package io.stateside.proxy.eventing.kafka;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.event.Logging;
import akka.kafka.CommitterSettings;
import akka.kafka.ConnectionCheckerSettings;
import akka.kafka.ConsumerMessage.CommittableMessage;
import akka.kafka.ConsumerMessage.CommittableOffset;
import akka.kafka.ConsumerSettings;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.Committer;
import akka.kafka.javadsl.Consumer;
import akka.stream.RestartSettings;
import akka.stream.javadsl.RestartSource;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.eventing.IncomingEvent;
import io.stateside.proxy.eventing.Subscription;
import io.stateside.proxy.eventing.SubscriptionSource;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * Consumes one subscription's topic on this node, as a member of the subscription's consumer
 * group: Kafka assigns the node some of the topic's partitions, and each assigned partition is
 * worked on one message at a time, in order, all partitions side by side. A message's offset is
 * committed (in batches) only once the handler completed for it, and so for every earlier
 * message of its partition.
 *
 * <p>Whatever fails (the handler, a commit, the brokers unreachable for about 30 s) ends the
 * consumer; a new one starts after a back-off and goes on from the last committed offsets, so
 * messages handled but not yet committed are delivered again.
 */
final class TopicConsumer {

  private static final ThrottledLog log =
      new ThrottledLog(LoggerFactory.getLogger(TopicConsumer.class), Duration.ofSeconds(10));

  /**
   * Every assigned partition is consumed at once: flatMapMerge takes in only so many substreams,
   * and a partition left waiting for a slot would never be consumed.
   */
  private static final int ALL_PARTITIONS = Integer.MAX_VALUE;

  /**
   * The brokers count as gone after three failed metadata requests (5 s each, Alpakka's
   * {@code metadata-request-timeout}) 5 s apart, about 30 s.
   */
  private static final ConnectionCheckerSettings CONNECTION_CHECK =
      ConnectionCheckerSettings.create(2, FiniteDuration.create(5, TimeUnit.SECONDS), 1.0);

  private final ActorSystem system;
  private final String name;
  private final CompletionStage<Done> done;
  /** The control of the consumer running now (or last). */
  private final AtomicReference<Consumer.Control> control = new AtomicReference<>(Consumer.createNoopControl());
  private volatile boolean stopping;

  private TopicConsumer(ActorSystem system, KafkaTopicSettings settings, Subscription subscription,
      Function<IncomingEvent, CompletionStage<Done>> handler) {
    this.system = system;
    this.name = subscription.describe();
    String topic = ((SubscriptionSource.Topic) subscription.source()).name();
    ConsumerSettings<byte[], byte[]> consumerSettings =
        ConsumerSettings.create(system, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .withProperties(settings.consumerClientProperties())
            .withGroupId(settings.groupId(subscription.consumerGroup()))
            .withConnectionChecker(CONNECTION_CHECK)
            // stop() drains the stream first: nothing is left to commit once the consumer stops
            .withStopTimeout(Duration.ZERO);
    CommitterSettings committerSettings = CommitterSettings.create(system)
        .withMaxBatch(settings.commitMaxBatch())
        .withMaxInterval(settings.commitMaxInterval());
    RestartSettings restartSettings = RestartSettings.create(
            settings.restartMinBackoff(), settings.restartMaxBackoff(), settings.restartRandomFactor())
        .withLogSettings(RestartSettings.createLogSettings(Logging.DebugLevel())); // logged below, throttled
    this.done = RestartSource.onFailuresWithBackoff(restartSettings, () -> stopping
            ? Source.<Done>empty()
            : Consumer.committablePartitionedSource(consumerSettings, Subscriptions.topics(topic))
                .mapMaterializedValue(running -> {
                  control.set(running);
                  return NotUsed.notUsed();
                })
                .flatMapMerge(ALL_PARTITIONS, partition -> partition.second()
                    .mapAsync(1, message -> handled(message, subscription, handler)))
                .via(Committer.flow(committerSettings))
                .watchTermination((notUsed, termination) -> {
                  termination.whenComplete((ignored, error) -> logFailure(topic, error, settings));
                  return notUsed;
                }))
        .runWith(Sink.ignore(), system);
  }

  static TopicConsumer start(ActorSystem system, KafkaTopicSettings settings, Subscription subscription,
      Function<IncomingEvent, CompletionStage<Done>> handler) {
    return new TopicConsumer(system, settings, subscription, handler);
  }

  /** The message's offset, once the handler is done with it. */
  private static CompletionStage<CommittableOffset> handled(CommittableMessage<byte[], byte[]> message,
      Subscription subscription, Function<IncomingEvent, CompletionStage<Done>> handler) {
    CompletionStage<Done> delivered;
    try {
      delivered = handler.apply(CloudEventRecords.incoming(message.record(), subscription));
    } catch (RuntimeException e) {
      delivered = CompletableFuture.failedFuture(e);
    }
    return PlainFutures.of(delivered).handle((ok, error) -> {
      if (error != null) {
        throw new HandlerFailed(PlainFutures.causeOf(error));
      }
      return message.committableOffset();
    });
  }

  /** The handler says why it failed itself; other failures (Kafka's) are logged here, throttled. */
  private void logFailure(String topic, Throwable error, KafkaTopicSettings settings) {
    if (error == null || stopping) {
      return;
    }
    Throwable cause = PlainFutures.causeOf(error);
    if (cause instanceof HandlerFailed) {
      return;
    }
    log.warn("consumer " + name, "Subscription {}: consuming topic '{}' from {} failed ({}); starting again from "
            + "the last committed offsets after a back-off ({} ms growing to {} ms)", name, topic,
        settings.bootstrapServers(), cause.toString(), settings.restartMinBackoff().toMillis(),
        settings.restartMaxBackoff().toMillis());
  }

  /**
   * Stops taking messages, lets those under way finish and their offsets be committed, then
   * closes the consumer (leaving the group, whose partitions go to the other nodes).
   */
  CompletionStage<Done> stop() {
    stopping = true; // a run about to start after a back-off does not
    return control.get().drainAndShutdown(done, system.dispatcher())
        .exceptionally(failedBefore -> Done.getInstance()); // logged when it failed
  }

  /** The handler failed a message: the consumer starts again from the last committed offset. */
  private static final class HandlerFailed extends RuntimeException {
    HandlerFailed(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
