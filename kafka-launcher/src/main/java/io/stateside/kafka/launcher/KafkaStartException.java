package io.stateside.kafka.launcher;

/** The broker did not come up: it exited, or was not ready in time. The message ends with its log's tail. */
public final class KafkaStartException extends IllegalStateException {

  KafkaStartException(String message) {
    super(message);
  }
}
