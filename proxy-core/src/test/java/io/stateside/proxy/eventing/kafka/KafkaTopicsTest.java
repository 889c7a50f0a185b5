package io.stateside.proxy.eventing.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.testkit.javadsl.TestKit;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.ordertopics.OrderConfirmationsClient;
import io.stateside.example.ordertopics.OrderConfirmed;
import io.stateside.example.ordertopics.OrderPlaced;
import io.stateside.kafka.launcher.KafkaBroker;
import io.stateside.kafka.launcher.KafkaSettings;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.eventing.kafka.OrderConfirmationsFunction.Received;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.LogCapture;
import io.stateside.proxy.testing.ProxyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics end to end: a real Kafka broker (one for the class, in a JVM of its own), a real proxy
 * on the memory store pointed at it, and the order-confirming action of
 * {@code stateside.example.ordertopics} written with the Java support library, which consumes
 * topic "orders" and publishes its replies to topic "order-confirmations". Each test tells its
 * orders from the others' by a run id of its own.
 */
class KafkaTopicsTest {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicsTest.class);

  private static final String ORDERS = "orders";
  private static final String CONFIRMATIONS = "order-confirmations";
  private static final int PARTITIONS = 3;
  private static final String GROUP_ID_PREFIX = "kafka-topics-test.";
  /** The Kafka group id of Confirm's subscription: the prefix and the service's full name. */
  private static final String GROUP_ID = GROUP_ID_PREFIX + "stateside.example.ordertopics.OrderConfirmations";
  private static final String ORDER_PLACED = "stateside.example.ordertopics.OrderPlaced";
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

  private static KafkaBroker kafka;
  private static KafkaProducer<byte[], byte[]> producer;
  private static Admin admin;

  private OrderConfirmationsFunction userFunction;
  private StatesideProxy proxy;
  private ActorSystem clientSystem;
  private TopicReader confirmations;

  /** A reply as published: its record's key and headers, and the confirmation it holds. */
  private record Confirmation(String key, Map<String, String> headers, OrderConfirmed message) {}

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaBroker.start(KafkaSettings.forTests());
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Keeps what the tests send while the broker is down, until it is back.
    producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
    producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    admin.createTopics(List.of(new NewTopic(ORDERS, PARTITIONS, (short) 1), new NewTopic(CONFIRMATIONS, PARTITIONS,
        (short) 1))).all().get();
  }

  @AfterAll
  static void stopKafka() {
    if (admin != null) {
      admin.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void brokerUp() throws Exception {
    kafka.start(); // a no-op unless a failed test left it stopped
  }

  @AfterEach
  void stop() {
    ProxyHarness.stop(proxy);
    if (clientSystem != null) {
      TestKit.shutdownActorSystem(clientSystem);
    }
    if (userFunction != null) {
      userFunction.close();
    }
    if (confirmations != null) {
      confirmations.close();
    }
  }

  @Test
  void everyOrderIsConfirmedOnTheOutTopicInItsKeysOrderWithItsCloudEventAttributesMappedBothWays() throws Exception {
    startProxy();
    String run = newRun();
    List<String> customers = List.of("ann", "bob", "cid", "dee", "eve", "fay");
    int perCustomer = 20;
    Instant placedAt = Instant.parse("2026-03-04T05:06:07Z");
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int sequence = 1; sequence <= perCustomer; sequence++) {
      for (String customer : customers) {
        records.add(cloudEventRecord(order(run, customer, sequence), placedAt));
      }
    }
    produce(records);

    List<Confirmation> confirmed = awaitConfirmations(run, customers.size() * perCustomer, Duration.ofSeconds(120));

    for (String customer : customers) {
      assertEquals(oneTo(perCustomer), firstOccurrences(confirmed, customer), customer + "'s orders in order");
    }
    for (Confirmation confirmation : confirmed) {
      OrderConfirmed order = confirmation.message();
      Map<String, String> headers = confirmation.headers();
      assertEquals(order.getCustomer(), confirmation.key(), "keyed by the subject");
      assertEquals("1.0", headers.get("ce_specversion"));
      assertEquals("stateside.example.ordertopics.OrderConfirmed", headers.get("ce_type"));
      assertEquals("stateside.example.ordertopics.OrderConfirmations", headers.get("ce_source"));
      assertEquals(order.getCustomer(), headers.get("ce_subject"), "the subject of the event it answers");
      assertEquals("application/protobuf", headers.get("content-type"));
      assertEquals("ce-" + order.getOrderId(), headers.get("ce_inputid"), "set by the user function");
      assertFalse(headers.get("ce_id").isBlank());
      Instant.parse(headers.get("ce_time"));
    }
    Received first = receivedOrders(run).get(0);
    assertEquals(Map.of("ce-id", "ce-" + first.order().getOrderId(), "ce-source", "/test/shop",
            "ce-specversion", "1.0", "ce-type", ORDER_PLACED, "ce-subject", first.order().getCustomer(),
            "ce-time", placedAt.toString(), "ce-channel", "web", "Content-Type", "application/protobuf"),
        first.metadata());
    log.info("{} orders from {} partitions, {} confirmations ({} duplicates)", records.size(), PARTITIONS,
        confirmed.size(), confirmed.size() - records.size());
    awaitEveryOffsetCommitted();
  }

  @Test
  void nothingIsLostWhenTheBrokerIsKilledAndRestartedWhileOrdersFlow() throws Exception {
    startProxy();
    String run = newRun();
    List<String> customers = List.of("gus", "hal", "ivy", "jon", "kim", "lea");
    int perCustomer = 50;
    int half = perCustomer / 2;
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int sequence = 1; sequence <= half; sequence++) {
      for (String customer : customers) {
        sent.add(producer.send(cloudEventRecord(order(run, customer, sequence), Instant.now())));
      }
    }
    for (Future<RecordMetadata> send : sent) {
      send.get();
    }
    Await.until("the user function works through the first orders", Duration.ofSeconds(60),
        () -> receivedOrders(run).size() >= 40);

    int receivedBeforeKill = receivedOrders(run).size();
    kafka.kill();
    for (int sequence = half + 1; sequence <= perCustomer; sequence++) {
      for (String customer : customers) {
        sent.add(producer.send(cloudEventRecord(order(run, customer, sequence), Instant.now())));
      }
    }
    kafka.start();
    for (Future<RecordMetadata> send : sent) {
      send.get(); // the broker acknowledged every order
    }

    int orders = customers.size() * perCustomer;
    List<Confirmation> confirmed = awaitConfirmations(run, orders, Duration.ofSeconds(180));

    for (String customer : customers) {
      assertEquals(oneTo(perCustomer), firstOccurrences(confirmed, customer), customer + "'s orders in order");
    }
    Set<String> handled = receivedOrders(run).stream().map(received -> received.order().getOrderId())
        .collect(Collectors.toSet());
    assertEquals(orders, handled.size(), "the user function got every order");
    log.info("Broker killed after the user function got {} of {} orders and restarted: {} confirmations, {} "
            + "duplicates; the user function got {} calls", receivedBeforeKill, orders, confirmed.size(),
        confirmed.size() - orders, receivedOrders(run).size());
    awaitEveryOffsetCommitted();
  }

  @Test
  void twoNodesShareThePartitionsAndOneTakesOverThoseOfTheOtherWhenItStops() throws Exception {
    startProxy();
    StatesideProxy secondNode = ProxyHarness.start(userFunction.port(), proxySettings());
    boolean secondNodeRunning = true;
    try {
      Await.until("both nodes consume some of the topic's partitions", Duration.ofSeconds(60),
          () -> partitionsByMember().size() == 2 && partitionsByMember().values().stream().noneMatch(Set::isEmpty));
      String run = newRun();
      List<String> customers = List.of("pia", "quin", "rob", "sue", "tom", "uma");
      int perCustomer = 30;
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int sequence = 1; sequence <= perCustomer / 2; sequence++) {
        for (String customer : customers) {
          sent.add(producer.send(cloudEventRecord(order(run, customer, sequence), Instant.now())));
        }
      }
      Await.until("the user function works through the first orders", Duration.ofSeconds(60),
          () -> receivedOrders(run).size() >= 20);

      ProxyHarness.stop(secondNode);
      secondNodeRunning = false;
      for (int sequence = perCustomer / 2 + 1; sequence <= perCustomer; sequence++) {
        for (String customer : customers) {
          sent.add(producer.send(cloudEventRecord(order(run, customer, sequence), Instant.now())));
        }
      }
      for (Future<RecordMetadata> send : sent) {
        send.get();
      }

      int orders = customers.size() * perCustomer;
      List<Confirmation> confirmed = awaitConfirmations(run, orders, Duration.ofSeconds(120));
      for (String customer : customers) {
        assertEquals(oneTo(perCustomer), firstOccurrences(confirmed, customer), customer + "'s orders in order");
      }
      assertEquals(1, partitionsByMember().size(), "the stopped node left the group");
      assertEquals(PARTITIONS, partitionsByMember().values().iterator().next().size(), "the other took its partitions");
      log.info("Two nodes, one stopped mid-flow: {} orders, {} confirmations ({} duplicates)", orders, confirmed.size(),
          confirmed.size() - orders);
      awaitEveryOffsetCommitted();
    } finally {
      if (secondNodeRunning) {
        ProxyHarness.stop(secondNode);
      }
    }
  }

  @Test
  void aClientsCallIsAnsweredOnlyOnceItsReplyIsPublished() {
    startProxy();
    String run = newRun();
    OrderPlaced order = order(run, "max", 1);

    OrderConfirmed answer = client().confirm(order).toCompletableFuture().join();

    // Read right after the answer, up to the end the topic had then: the reply is already there.
    List<Confirmation> published = confirmations(run);
    assertEquals(List.of(order.getOrderId()), published.stream().map(c -> c.message().getOrderId()).toList());
    assertEquals(answer, published.get(0).message());
    assertEquals("", published.get(0).key(), "an action's call is about no entity: no key");
    assertFalse(published.get(0).headers().containsKey("ce_subject"));
    assertEquals("stateside.example.ordertopics.OrderConfirmed", published.get(0).headers().get("ce_type"));
  }

  @Test
  void whileKafkaIsDownTheProxySaysSoAtStartFailsPublishingCallsWithUnavailableAndCatchesUpOnceItIsBack()
      throws Exception {
    String run = newRun();
    kafka.stop();
    try (LogCapture logs = new LogCapture()) {
      startProxy();
      Await.until("the proxy logs that Kafka cannot be reached", Duration.ofSeconds(60),
          () -> !logs.linesContaining("Kafka cannot be reached at " + kafka.bootstrapServers()).isEmpty());

      long callStarted = System.nanoTime();
      CompletionException failed = assertThrows(CompletionException.class,
          () -> client().confirm(order(run, "ned", 1)).toCompletableFuture().join());
      Duration took = Duration.ofNanos(System.nanoTime() - callStarted);
      StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, failed.getCause());
      assertEquals(Status.Code.UNAVAILABLE, status.getStatus().getCode(), status.toString());
      assertFalse(logs.linesContaining("Reply of stateside.example.ordertopics.OrderConfirmations/Confirm not "
          + "published: not published to topic 'order-confirmations'").isEmpty(), "the proxy says why");
      log.info("A call publishing to a topic while the broker is down failed with UNAVAILABLE after {} ms "
          + "(publish-timeout {}, client deadline 60 s)", took.toMillis(), PUBLISH_TIMEOUT);

      String consumerFailed = "consuming topic 'orders' from " + kafka.bootstrapServers() + " failed";
      Await.until("the subscription's consumer gives up on the absent broker and says so", Duration.ofSeconds(90),
          () -> !logs.linesContaining(consumerFailed).isEmpty());
    }

    kafka.start();
    produce(List.of(cloudEventRecord(order(run, "ned", 2), Instant.now())));
    List<Confirmation> confirmed = awaitConfirmations(run, 1, Duration.ofSeconds(120));
    assertEquals(run + "-ned-2", confirmed.get(0).message().getOrderId());
  }

  @Test
  void plainMessagesAreOrdersForTheOnlyMethodAndMessagesNoMethodTakesArePassedOver() throws Exception {
    startProxy();
    String run = newRun();
    String customer = run + "-plain";
    int partition = 1;
    OrderPlaced first = order(run, customer, 1);
    OrderPlaced second = order(run, customer, 2);
    List<RecordMetadata> sent = produce(List.of(
        new ProducerRecord<>(ORDERS, partition, bytes(customer), first.toByteArray()),
        new ProducerRecord<>(ORDERS, partition, bytes(customer), bytes("not an order"),
            headers(Map.of("content-type", "text/plain"))),
        new ProducerRecord<>(ORDERS, partition, bytes(customer), second.toByteArray())));

    List<Confirmation> confirmed = awaitConfirmations(run, 2, Duration.ofSeconds(120));

    assertEquals(List.of(first.getOrderId(), second.getOrderId()),
        confirmed.stream().map(c -> c.message().getOrderId()).toList());
    List<Received> received = receivedOrders(run);
    assertEquals(List.of(first, second), received.stream().map(Received::order).toList(),
        "the text message went to no method");
    RecordMetadata firstSent = sent.get(0);
    assertEquals(Map.of("ce-id", ORDERS + "/" + partition + "/" + firstSent.offset(), "ce-source", ORDERS,
            "ce-specversion", "1.0", "ce-type", "type.googleapis.com/" + ORDER_PLACED, "ce-subject", customer,
            "ce-time", Instant.ofEpochMilli(firstSent.timestamp()).toString(), "Content-Type", "application/protobuf"),
        received.get(0).metadata());
    awaitEveryOffsetCommitted();
  }

  @Test
  void anOffsetIsCommittedOnlyOnceTheUserFunctionAnsweredForItsMessageAndAllBeforeItInItsPartition() throws Exception {
    startProxy();
    String run = newRun();
    int partition = 2;
    OrderPlaced before = order(run, "oli", 1);
    OrderPlaced held = OrderPlaced.newBuilder().setOrderId(run + "-held").setCustomer(OrderConfirmationsFunction.HOLD)
        .setSequence(2).build();
    OrderPlaced after = order(run, "oli", 3);
    List<RecordMetadata> sent = produce(List.of(before, held, after).stream()
        .map(order -> new ProducerRecord<>(ORDERS, partition, bytes("oli"), order.toByteArray()))
        .toList());
    TopicPartition orders = new TopicPartition(ORDERS, partition);
    long heldOffset = sent.get(1).offset();

    Await.until("the user function holds an order", Duration.ofSeconds(60), userFunction::isHolding);
    Await.until("the order before the held one is committed", Duration.ofSeconds(60),
        () -> committedOffsets().getOrDefault(orders, -1L) == heldOffset);
    // Several commit intervals (500 ms) while the order is held: the offset stays.
    for (int check = 0; check < 8; check++) {
      Thread.sleep(250);
      assertEquals(heldOffset, committedOffsets().get(orders), "committed past an order under way");
      assertFalse(receivedOrders(run).stream().anyMatch(r -> r.order().equals(after)),
          "a later order of the partition went to the user function before the held one was answered");
    }

    userFunction.release();
    awaitConfirmations(run, 3, Duration.ofSeconds(60));
    Await.until("every order of the partition is committed", Duration.ofSeconds(60),
        () -> committedOffsets().getOrDefault(orders, -1L) == sent.get(2).offset() + 1);
  }

  private void startProxy() {
    userFunction = new OrderConfirmationsFunction();
    proxy = ProxyHarness.start(userFunction.port(), proxySettings());
  }

  private static Map<String, Object> proxySettings() {
    return Map.of(
        "stateside.proxy.eventing.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "stateside.proxy.eventing.kafka.group-id-prefix", GROUP_ID_PREFIX,
        "stateside.proxy.eventing.kafka.publish-timeout", PUBLISH_TIMEOUT.toMillis() + "ms",
        "stateside.proxy.eventing.kafka.restart-backoff.min", "500ms",
        "stateside.proxy.eventing.kafka.restart-backoff.max", "5s",
        // A consumer that could not leave the group (the broker was down) holds its partitions
        // until its session expires: 10 s rather than Kafka's 45 s keeps the tests short.
        "stateside.proxy.eventing.kafka.consumer-properties.session.timeout.ms", "10000");
  }

  private OrderConfirmationsClient client() {
    clientSystem = ActorSystem.create("client");
    return OrderConfirmationsClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(60)),
        clientSystem);
  }

  private static String newRun() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static OrderPlaced order(String run, String customer, long sequence) {
    return OrderPlaced.newBuilder()
        .setOrderId(run + "-" + customer + "-" + sequence)
        .setCustomer(customer)
        .setSequence(sequence)
        .build();
  }

  /** An order as a CloudEvent in Kafka's binary content mode, keyed by its customer. */
  private static ProducerRecord<byte[], byte[]> cloudEventRecord(OrderPlaced order, Instant placedAt) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_id", "ce-" + order.getOrderId());
    headers.put("ce_source", "/test/shop");
    headers.put("ce_specversion", "1.0");
    headers.put("ce_type", ORDER_PLACED);
    headers.put("ce_subject", order.getCustomer());
    headers.put("ce_time", placedAt.toString());
    headers.put("ce_channel", "web");
    headers.put("content-type", "application/protobuf");
    return new ProducerRecord<>(ORDERS, null, bytes(order.getCustomer()), order.toByteArray(), headers(headers));
  }

  private static RecordHeaders headers(Map<String, String> headers) {
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach((name, value) -> recordHeaders.add(name, bytes(value)));
    return recordHeaders;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Sends the records and waits until the broker acknowledged each. */
  private static List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
    List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
    List<RecordMetadata> sent = new ArrayList<>();
    for (Future<RecordMetadata> send : sends) {
      try {
        sent.add(send.get());
      } catch (InterruptedException | ExecutionException e) {
        throw new AssertionError("the test's order was not published", e);
      }
    }
    return sent;
  }

  /** The run's confirmations on the out topic so far, in each partition's order. */
  private List<Confirmation> confirmations(String run) {
    if (confirmations == null) {
      confirmations = new TopicReader(kafka.bootstrapServers(), CONFIRMATIONS);
    }
    List<Confirmation> found = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : confirmations.readToEnd()) {
      OrderConfirmed message = parse(record.value());
      if (message.getOrderId().startsWith(run + "-")) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
          headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        found.add(new Confirmation(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8),
            headers, message));
      }
    }
    return found;
  }

  /** Waits until the run's {@code count} distinct orders are confirmed; returns every confirmation, duplicates too. */
  private List<Confirmation> awaitConfirmations(String run, int count, Duration limit) {
    Await.until(count + " orders confirmed on " + CONFIRMATIONS, limit,
        () -> confirmations(run).stream().map(c -> c.message().getOrderId()).distinct().count() >= count);
    return confirmations(run);
  }

  /** The sequence numbers of a customer's confirmations, each at its first appearance. */
  private static List<Long> firstOccurrences(List<Confirmation> confirmed, String customer) {
    return new ArrayList<>(confirmed.stream()
        .filter(c -> c.message().getCustomer().equals(customer))
        .map(c -> c.message().getSequence())
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  private List<Received> receivedOrders(String run) {
    return userFunction.received().stream()
        .filter(received -> received.order().getOrderId().startsWith(run + "-"))
        .toList();
  }

  /** The members of the subscription's consumer group, each with the partitions it was assigned. */
  private static Map<String, Set<TopicPartition>> partitionsByMember() {
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP_ID)).all().get().get(GROUP_ID);
      return group.members().stream().collect(Collectors.toMap(MemberDescription::consumerId,
          member -> member.assignment().topicPartitions()));
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("could not describe the consumer group", e);
    }
  }

  private static Map<TopicPartition, Long> committedOffsets() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(GROUP_ID).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> offsets = new HashMap<>();
      committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
      return offsets;
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("could not read the consumer group's offsets", e);
    }
  }

  /** Waits until the subscription's consumer group committed the end of every partition of the topic. */
  private static void awaitEveryOffsetCommitted() throws Exception {
    Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
        .collect(Collectors.toMap(p -> new TopicPartition(ORDERS, p), p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
    Await.until("the consumer group committed " + ends, Duration.ofSeconds(60), () -> {
      Map<TopicPartition, Long> committed = committedOffsets();
      return ends.entrySet().stream()
          .allMatch(end -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), -1L).equals(end.getValue()));
    });
  }

  private static OrderConfirmed parse(byte[] value) {
    try {
      return OrderConfirmed.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not an OrderConfirmed on " + CONFIRMATIONS, e);
    }
  }

  private static List<Long> oneTo(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
  }
}
