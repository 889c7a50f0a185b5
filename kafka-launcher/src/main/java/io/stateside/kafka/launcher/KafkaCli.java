package io.stateside.kafka.launcher;

import io.stateside.launcher.LocalServerCli;
import io.stateside.launcher.PortsFile;
import java.time.Duration;
import java.util.List;

/**
 * {@code start | stop | status} of a Kafka broker for local use, kept in a directory that
 * survives restarts. The broker runs detached: this JVM exits once the broker is ready. Behind
 * {@code bin/kafka}.
 */
public final class KafkaCli {

  private static final LocalServerCli.Spec SPEC = new LocalServerCli.Spec("kafka", "Kafka", "clients",
      KafkaSettings.LOOPBACK, 9092, new PortsFile("stateside-broker.properties", "port", "controller_port"),
      Duration.ofSeconds(30));

  private KafkaCli() {}

  public static void main(String[] args) throws Exception {
    LocalServerCli.run(SPEC, (directory, port, controllerPort) -> {
      KafkaBroker broker = KafkaBroker.create(KafkaSettings.forLocalUse(directory, port, controllerPort));
      broker.start();
      return new LocalServerCli.Started(broker.pid().orElseThrow(), broker.bootstrapServers(), broker.logFile(),
          List.of("KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers()));
    }, args);
  }
}
