package io.stateside.proxy.eventing.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of {@code stateside.proxy.eventing.kafka}, and the kafka-clients properties they
 * make for the consumers, the producer and the start-up check.
 *
 * @param security kafka-clients security properties by their Kafka names, only those set
 * @param properties pass-through properties for every client
 * @param consumerProperties pass-through properties for consumers only
 * @param producerProperties pass-through properties for the producer only
 */
public record KafkaTopicSettings(
    String bootstrapServers,
    String groupIdPrefix,
    String autoOffsetReset,
    Duration publishTimeout,
    int commitMaxBatch,
    Duration commitMaxInterval,
    Duration restartMinBackoff,
    Duration restartMaxBackoff,
    double restartRandomFactor,
    Map<String, String> security,
    Map<String, String> properties,
    Map<String, String> consumerProperties,
    Map<String, String> producerProperties) {

  static final String PATH = "stateside.proxy.eventing.kafka";

  private static final Set<String> OFFSET_RESETS = Set.of("earliest", "latest");

  /** Our setting names and the kafka-clients properties they set. */
  private static final Map<String, String> SECURITY_PROPERTIES = Map.ofEntries(
      Map.entry("protocol", "security.protocol"),
      Map.entry("sasl-mechanism", "sasl.mechanism"),
      Map.entry("sasl-jaas-config", "sasl.jaas.config"),
      Map.entry("ssl-truststore-location", "ssl.truststore.location"),
      Map.entry("ssl-truststore-password", "ssl.truststore.password"),
      Map.entry("ssl-truststore-type", "ssl.truststore.type"),
      Map.entry("ssl-keystore-location", "ssl.keystore.location"),
      Map.entry("ssl-keystore-password", "ssl.keystore.password"),
      Map.entry("ssl-keystore-type", "ssl.keystore.type"),
      Map.entry("ssl-key-password", "ssl.key.password"));

  public KafkaTopicSettings {
    if (!OFFSET_RESETS.contains(autoOffsetReset)) {
      throw new IllegalArgumentException(PATH + ".auto-offset-reset (KAFKA_AUTO_OFFSET_RESET) must be earliest or "
          + "latest, not '" + autoOffsetReset + "'");
    }
    security = Map.copyOf(security);
    properties = Map.copyOf(properties);
    consumerProperties = Map.copyOf(consumerProperties);
    producerProperties = Map.copyOf(producerProperties);
  }

  public static KafkaTopicSettings from(Config root) {
    Config c = root.getConfig(PATH);
    Map<String, String> security = new LinkedHashMap<>();
    SECURITY_PROPERTIES.forEach((setting, property) -> {
      String value = c.getString("security." + setting);
      if (!value.isBlank()) {
        security.put(property, value);
      }
    });
    return new KafkaTopicSettings(
        c.getString("bootstrap-servers"),
        c.getString("group-id-prefix"),
        c.getString("auto-offset-reset").trim().toLowerCase(Locale.ROOT),
        c.getDuration("publish-timeout"),
        c.getInt("commit.max-batch"),
        c.getDuration("commit.max-interval"),
        c.getDuration("restart-backoff.min"),
        c.getDuration("restart-backoff.max"),
        c.getDouble("restart-backoff.random-factor"),
        security,
        flatten(c.getConfig("properties")),
        flatten(c.getConfig("consumer-properties")),
        flatten(c.getConfig("producer-properties")));
  }

  /** The Kafka group id of a subscription's consumer group. */
  String groupId(String consumerGroup) {
    return groupIdPrefix + consumerGroup;
  }

  /** For every consumer; Alpakka adds the group id. */
  Map<String, String> consumerClientProperties() {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(consumerProperties);
    all.putAll(common());
    all.put("auto.offset.reset", autoOffsetReset);
    // Alpakka commits what was delivered; Kafka's own commits would move past what was not.
    all.put("enable.auto.commit", "false");
    return all;
  }

  /**
   * For the producer: every reply acknowledged by all in-sync replicas, without duplicates or
   * reordering from the producer's own retries, and given up after the publish timeout rather
   * than retried for kafka-clients' default two minutes.
   */
  Map<String, String> producerClientProperties() {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(producerProperties);
    all.putAll(common());
    all.put("acks", "all");
    all.put("enable.idempotence", "true");
    long timeout = publishTimeout.toMillis();
    long linger = Long.parseLong(all.getOrDefault("linger.ms", "0"));
    // kafka-clients refuses a delivery timeout below linger plus request timeout.
    long request = Math.max(1, Math.min(30_000, timeout - linger));
    all.put("request.timeout.ms", Long.toString(request));
    all.put("delivery.timeout.ms", Long.toString(Math.max(timeout, linger + request)));
    all.put("max.block.ms", Long.toString(timeout));
    return all;
  }

  /** For the start-up check. */
  Map<String, String> adminClientProperties() {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(common());
    return all;
  }

  private Map<String, String> common() {
    Map<String, String> all = new LinkedHashMap<>(security);
    all.put("bootstrap.servers", bootstrapServers);
    return all;
  }

  /** Properties by their dotted names, whether written nested ({@code a.b = 1}) or quoted ({@code "a.b" = 1}). */
  private static Map<String, String> flatten(Config config) {
    Map<String, String> flat = new LinkedHashMap<>();
    config.entrySet().forEach(entry -> flat.put(String.join(".", ConfigUtil.splitPath(entry.getKey())),
        entry.getValue().unwrapped().toString()));
    return flat;
  }
}
