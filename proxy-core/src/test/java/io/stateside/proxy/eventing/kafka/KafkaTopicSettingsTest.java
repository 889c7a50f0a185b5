package io.stateside.proxy.eventing.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the settings under stateside.proxy.eventing.kafka make of the Kafka clients' properties. */
class KafkaTopicSettingsTest {

  @Test
  void theDefaultsConsumeFromTheEarliestOffsetAndPublishWithAcksAllIdempotentlyWithinTheTimeout() {
    KafkaTopicSettings settings = settings("bootstrap-servers = \"k1:9092,k2:9092\"");

    assertEquals("stateside.example.Svc", settings.groupId("stateside.example.Svc"));
    Map<String, String> consumer = settings.consumerClientProperties();
    assertEquals("k1:9092,k2:9092", consumer.get("bootstrap.servers"));
    assertEquals("earliest", consumer.get("auto.offset.reset"));
    assertEquals("false", consumer.get("enable.auto.commit"));
    Map<String, String> producer = settings.producerClientProperties();
    assertEquals("all", producer.get("acks"));
    assertEquals("true", producer.get("enable.idempotence"));
    assertEquals("10000", producer.get("delivery.timeout.ms"));
    assertEquals("10000", producer.get("max.block.ms"));
    assertEquals("10000", producer.get("request.timeout.ms"));
    assertFalse(consumer.containsKey("security.protocol"), "kafka-clients' default");
    assertEquals(Duration.ofMillis(500), settings.commitMaxInterval());
    assertEquals(100, settings.commitMaxBatch());
  }

  @Test
  void securitySettingsAndPassThroughPropertiesReachTheClientsTheyAreFor() {
    KafkaTopicSettings settings = settings("""
        bootstrap-servers = "k:9093"
        group-id-prefix = "staging."
        security {
          protocol = SASL_SSL
          sasl-mechanism = SCRAM-SHA-512
          sasl-jaas-config = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"u\\" password=\\"p\\";"
          ssl-truststore-location = /etc/kafka/truststore.p12
          ssl-truststore-password = secret
        }
        properties { client.dns.lookup = use_all_dns_ips }
        consumer-properties { "max.poll.records" = 50, auto.offset.reset = none }
        producer-properties { linger.ms = 4, acks = 1 }
        """);

    assertEquals("staging.svc", settings.groupId("svc"));
    Map<String, String> consumer = settings.consumerClientProperties();
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", consumer.get("sasl.mechanism"));
    assertTrue(consumer.get("sasl.jaas.config").contains("username=\"u\""));
    assertEquals("/etc/kafka/truststore.p12", consumer.get("ssl.truststore.location"));
    assertEquals("secret", consumer.get("ssl.truststore.password"));
    assertEquals("use_all_dns_ips", consumer.get("client.dns.lookup"));
    assertEquals("50", consumer.get("max.poll.records"));
    assertEquals("earliest", consumer.get("auto.offset.reset"), "the setting wins over the pass-through");
    assertFalse(consumer.containsKey("linger.ms"));

    Map<String, String> producer = settings.producerClientProperties();
    assertEquals("SASL_SSL", producer.get("security.protocol"));
    assertEquals("4", producer.get("linger.ms"));
    assertEquals("all", producer.get("acks"), "acks=all is not negotiable");
    assertEquals("9996", producer.get("request.timeout.ms"), "linger + request timeout fit in the delivery timeout");
    assertFalse(producer.containsKey("max.poll.records"));

    Map<String, String> admin = settings.adminClientProperties();
    assertEquals("SASL_SSL", admin.get("security.protocol"));
    assertFalse(admin.containsKey("max.poll.records"));
  }

  @Test
  void anUnknownAutoOffsetResetIsRefusedAtStart() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> settings("auto-offset-reset = newest"));

    assertTrue(refused.getMessage().contains("KAFKA_AUTO_OFFSET_RESET"), refused.getMessage());
  }

  private static KafkaTopicSettings settings(String kafka) {
    Config config = ConfigFactory.parseString(kafka).atPath(KafkaTopicSettings.PATH)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    return KafkaTopicSettings.from(config);
  }
}
