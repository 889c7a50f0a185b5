package io.stateside.kafka.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A real broker started by the launcher, driven by the Kafka client. */
class KafkaBrokerTest {

  private static final String TOPIC = "launcher-test";
  private static final String GROUP = "launcher-test-group";

  @Test
  void comesBackOnTheSamePortWithEveryAcknowledgedRecordAndCommittedOffsetAfterAStopAndAfterAKill() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start(KafkaSettings.forTests().withBrokerProperty("num.partitions", "3"))) {
      produce(kafka, "before-stop", 20);
      commit(kafka, 5);

      kafka.stop();
      assertFalse(kafka.isRunning());
      kafka.start();
      produce(kafka, "before-kill", 20);

      kafka.kill();
      assertFalse(kafka.isRunning());
      kafka.start();
      assertTrue(kafka.isRunning());

      List<String> values = readAll(kafka);
      assertEquals(40, values.size(), values.toString());
      for (int i = 0; i < 20; i++) {
        assertTrue(values.contains("before-stop-" + i), "before-stop-" + i);
        assertTrue(values.contains("before-kill-" + i), "before-kill-" + i);
      }
      assertEquals(5, committed(kafka));
    }
  }

  @Test
  void closeEndsTheBrokerAndDeletesItsDirectory() throws Exception {
    KafkaBroker kafka = KafkaBroker.start(KafkaSettings.forTests());
    long pid = kafka.pid().orElseThrow();
    assertTrue(Files.exists(kafka.directory()));

    kafka.close();

    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker process still alive");
    assertFalse(Files.exists(kafka.directory()), kafka.directory() + " still exists");
  }

  private static void produce(KafkaBroker kafka, String prefix, int count) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, prefix + "-" + i)));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    }
  }

  /** Commits {@code offset} for partition 0 in the test's consumer group. */
  private static void commit(KafkaBroker kafka, long offset) {
    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
    }
  }

  private static long committed(KafkaBroker kafka) {
    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      return consumer.committed(Set.of(partition), Duration.ofSeconds(30)).get(partition).offset();
    }
  }

  private static List<String> readAll(KafkaBroker kafka) {
    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(TOPIC, info.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<String> values = new ArrayList<>();
      long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < giveUpAt) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker kafka) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }
}
