package io.stateside.proxy.eventing.kafka;

import akka.Done;
import akka.actor.ActorSystem;
import akka.kafka.ProducerSettings;
import akka.kafka.javadsl.SendProducer;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.eventing.OutgoingEvent;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes replies with one idempotent Kafka producer for the whole node. A reply counts as
 * published once the brokers acknowledged it (acks=all); one that is not acknowledged within the
 * publish timeout fails, though the producer may still deliver it later (its caller sees a failure,
 * a subscription delivers the event again: a duplicate, never a loss).
 */
final class TopicPublisher {

  private final SendProducer<byte[], byte[]> producer;
  private final Duration timeout;

  TopicPublisher(ActorSystem system, KafkaTopicSettings settings) {
    // Sends run on Alpakka's dispatcher: a send blocks while the topic's metadata is unknown.
    ProducerSettings<byte[], byte[]> producerSettings =
        ProducerSettings.create(system, new ByteArraySerializer(), new ByteArraySerializer())
            .withProperties(settings.producerClientProperties());
    this.producer = new SendProducer<>(producerSettings, system);
    this.timeout = settings.publishTimeout();
  }

  CompletionStage<Done> publish(OutgoingEvent event) {
    return PlainFutures.of(producer.send(CloudEventRecords.outgoing(event)))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((metadata, error) -> {
          if (error == null) {
            return Done.getInstance();
          }
          Throwable cause = PlainFutures.causeOf(error);
          throw new NotPublished(event.topic(), cause instanceof TimeoutException
              ? "the brokers did not acknowledge it within " + timeout.toMillis() + " ms"
              : String.valueOf(cause.getMessage()), cause);
        });
  }

  /** Sends what is buffered and closes the producer. */
  CompletionStage<Done> close() {
    return producer.close();
  }

  /** A reply that did not reach its topic. */
  static final class NotPublished extends RuntimeException {
    NotPublished(String topic, String why, Throwable cause) {
      super("not published to topic '" + topic + "': " + why, cause, false, false);
    }
  }
}
