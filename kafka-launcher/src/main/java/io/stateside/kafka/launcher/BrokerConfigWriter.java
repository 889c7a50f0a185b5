package io.stateside.kafka.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a broker's {@code server.properties} and {@code log4j.properties}. */
final class BrokerConfigWriter {

  /** The one node's id, as broker and as the quorum's only voter. */
  static final int NODE_ID = 1;

  private static final SecureRandom RANDOM = new SecureRandom();

  private BrokerConfigWriter() {}

  static void write(KafkaSettings settings, BrokerLayout layout) throws IOException {
    Files.createDirectories(layout.configDirectory());
    Files.createDirectories(layout.dataDirectory());
    Files.createDirectories(layout.logDirectory());
    Files.writeString(layout.serverProperties(), properties(serverProperties(settings, layout)), StandardCharsets.UTF_8);
    Files.writeString(layout.log4jProperties(), properties(log4jProperties()), StandardCharsets.UTF_8);
    if (!Files.exists(layout.clusterIdFile())) {
      Files.writeString(layout.clusterIdFile(), newClusterId(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A KRaft cluster id as Kafka makes one (16 random bytes, URL-safe base64 without padding),
   * never starting with '-', which Kafka's tools would read as an option.
   */
  static String newClusterId() {
    while (true) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static Map<String, String> serverProperties(KafkaSettings settings, BrokerLayout layout) {
    String host = settings.host();
    Map<String, String> p = new LinkedHashMap<>();
    // KRaft, combined: this process is the broker and the whole controller quorum.
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + settings.controllerPort());
    p.put("listeners", "PLAINTEXT://" + host + ":" + settings.port() + ",CONTROLLER://" + host + ":"
        + settings.controllerPort());
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", layout.dataDirectory().toString());
    // One replica of everything, Kafka's internal topics included.
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // Fewer partitions of the internal topics, fewer threads, a smaller compaction buffer (128 MB
    // by default, taken from the heap at start): a small broker that starts and stops quickly.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    // After a kill the restarted broker may register only once its previous incarnation's
    // session expired (9 s by default): a short session makes a crash restart about as quick as
    // a clean one.
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "2500");
    // A consumer group's first member starts at once instead of waiting for others to join.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.putAll(settings.brokerProperties());
    return p;
  }

  /** INFO to standard output (the log file), without the dumps of every client's and broker's configuration. */
  private static Map<String, String> log4jProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("log4j.rootLogger", "INFO, stdout");
    p.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
    p.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
    p.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
    p.put("log4j.logger.org.apache.kafka.common.config", "WARN");
    return p;
  }

  private static String properties(Map<String, String> entries) {
    return entries.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
