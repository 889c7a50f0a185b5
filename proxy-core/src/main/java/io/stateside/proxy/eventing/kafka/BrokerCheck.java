package io.stateside.proxy.eventing.kafka;

import akka.actor.ActorSystem;
import io.stateside.protocol.concurrent.PlainFutures;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, asks the brokers who they are, and says in the log whether they answered: the one
 * clear line an operator needs when KAFKA_BOOTSTRAP_SERVERS or the security settings are wrong.
 * The proxy serves either way; what it does meanwhile is in the line.
 */
final class BrokerCheck {

  private static final Logger log = LoggerFactory.getLogger(BrokerCheck.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private BrokerCheck() {}

  /** Runs the check in the background, on Akka's dispatcher for blocking work. */
  static void run(ActorSystem system, KafkaTopicSettings settings) {
    system.dispatchers().lookup("akka.actor.default-blocking-io-dispatcher").execute(() -> check(settings));
  }

  private static void check(KafkaTopicSettings settings) {
    Map<String, Object> properties = new HashMap<>(settings.adminClientProperties());
    properties.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
    properties.put("request.timeout.ms", (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(properties)) {
      DescribeClusterResult cluster = admin.describeCluster();
      String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      log.info("Kafka at {} answered: cluster {}, {} broker(s)", settings.bootstrapServers(), clusterId, brokers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("Kafka cannot be reached at {} (KAFKA_BOOTSTRAP_SERVERS) within {} s: {}. Check the address and the "
              + "security settings (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*). Until it answers, topic "
              + "subscriptions keep trying (starting again every {} to {} ms) and calls of methods that publish to a "
              + "topic fail with UNAVAILABLE after {} ms", settings.bootstrapServers(), TIMEOUT.toSeconds(),
          PlainFutures.causeOf(e instanceof ExecutionException ? e.getCause() : e).toString(),
          settings.restartMinBackoff().toMillis(), settings.restartMaxBackoff().toMillis(),
          settings.publishTimeout().toMillis());
    }
  }
}
