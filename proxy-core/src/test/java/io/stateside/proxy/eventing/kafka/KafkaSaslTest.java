package io.stateside.proxy.eventing.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.example.ordertopics.OrderConfirmed;
import io.stateside.example.ordertopics.OrderPlaced;
import io.stateside.kafka.launcher.KafkaBroker;
import io.stateside.kafka.launcher.KafkaSettings;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.LogCapture;
import io.stateside.proxy.testing.ProxyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security settings reach every Kafka client of the proxy: a real broker that takes only
 * SASL/PLAIN logins serves the proxy its topics with the right password, and the proxy says at
 * start that it cannot reach Kafka with a wrong one.
 */
class KafkaSaslTest {

  private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";

  private static KafkaBroker kafka;

  private OrderConfirmationsFunction userFunction;
  private StatesideProxy proxy;

  @BeforeAll
  static void startKafka() throws Exception {
    KafkaSettings settings = KafkaSettings.forTests();
    String listener = "SASL_PLAINTEXT://127.0.0.1:" + settings.port();
    kafka = KafkaBroker.start(settings
        .withBrokerProperty("listeners", listener + ",CONTROLLER://127.0.0.1:" + settings.controllerPort())
        .withBrokerProperty("advertised.listeners", listener)
        .withBrokerProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
        .withBrokerProperty("inter.broker.listener.name", "SASL_PLAINTEXT")
        .withBrokerProperty("sasl.enabled.mechanisms", "PLAIN")
        .withBrokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN")
        .withBrokerProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", PLAIN_LOGIN
            + " username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\""
            + " user_stateside=\"stateside-secret\";"));
    Map<String, Object> adminProperties = new HashMap<>(login("admin", "admin-secret"));
    adminProperties.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin admin = Admin.create(adminProperties)) {
      admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("order-confirmations", 1,
          (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void stop() {
    ProxyHarness.stop(proxy);
    if (userFunction != null) {
      userFunction.close();
    }
  }

  @Test
  void withTheRightLoginTheProxyConsumesAndPublishes() throws Exception {
    startProxy("stateside-secret");
    String orderId = UUID.randomUUID() + "-sasl";
    OrderPlaced order = OrderPlaced.newBuilder().setOrderId(orderId).setCustomer("vic").setSequence(1).build();
    Map<String, Object> producerProperties = new HashMap<>(login("admin", "admin-secret"));
    producerProperties.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("orders", "vic".getBytes(StandardCharsets.UTF_8), order.toByteArray())).get();
    }

    try (TopicReader confirmations = new TopicReader(kafka.bootstrapServers(), "order-confirmations",
        login("admin", "admin-secret"))) {
      Await.until("the order is confirmed", Duration.ofSeconds(90), () -> !confirmations.readToEnd().isEmpty());
      OrderConfirmed confirmed = OrderConfirmed.parseFrom(confirmations.readToEnd().get(0).value());
      assertEquals(orderId, confirmed.getOrderId());
    }
  }

  @Test
  void withAWrongPasswordTheProxySaysAtStartThatKafkaCannotBeReached() {
    try (LogCapture logs = new LogCapture()) {
      startProxy("wrong");
      Await.until("the start-up check fails, naming the cause", Duration.ofSeconds(60),
          () -> logs.linesContaining("Kafka cannot be reached at " + kafka.bootstrapServers()).stream()
              .anyMatch(line -> line.contains("SaslAuthenticationException")));
    }
  }

  private void startProxy(String password) {
    userFunction = new OrderConfirmationsFunction();
    proxy = ProxyHarness.start(userFunction.port(), Map.of(
        "stateside.proxy.eventing.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "stateside.proxy.eventing.kafka.security.protocol", "SASL_PLAINTEXT",
        "stateside.proxy.eventing.kafka.security.sasl-mechanism", "PLAIN",
        "stateside.proxy.eventing.kafka.security.sasl-jaas-config", jaas("stateside", password)));
  }

  private static Map<String, String> login(String user, String password) {
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", jaas(user, password));
  }

  private static String jaas(String user, String password) {
    return PLAIN_LOGIN + " username=\"" + user + "\" password=\"" + password + "\";";
  }
}
