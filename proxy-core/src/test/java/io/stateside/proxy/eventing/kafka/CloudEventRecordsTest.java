package io.stateside.proxy.eventing.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.stateside.example.ordertopics.OrderPlaced;
import io.stateside.proxy.eventing.CloudEvent;
import io.stateside.proxy.eventing.EventEncoding;
import io.stateside.proxy.eventing.IncomingEvent;
import io.stateside.proxy.eventing.OutgoingEvent;
import io.stateside.proxy.eventing.SubscriberMethod;
import io.stateside.proxy.eventing.Subscription;
import io.stateside.proxy.eventing.SubscriptionSource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Records in CloudEvents' Kafka binary content mode, and plain records, as events and back. */
class CloudEventRecordsTest {

  private static final String ORDER_PLACED = "stateside.example.ordertopics.OrderPlaced";
  private static final String ORDER_PLACED_URL = "type.googleapis.com/" + ORDER_PLACED;
  private static final long TIMESTAMP = 1_700_000_000_123L;
  private static final OrderPlaced ORDER = OrderPlaced.newBuilder().setOrderId("o-1").setCustomer("ann").build();

  private static final Subscription ONE_TYPED_METHOD = subscription(Map.of(ORDER_PLACED, "Confirm"));
  private static final Subscription TYPED_AND_ANY = subscription(Map.of(ORDER_PLACED, "Confirm",
      "google.protobuf.Any", "Audit"));
  private static final Subscription ANY_ONLY = subscription(Map.of("google.protobuf.Any", "Audit"));

  @Test
  void cloudEventHeadersBecomeTheAttributesAndTheContentTypeDecidesThePayload() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_id", "order-1");
    headers.put("ce_source", "/shop");
    headers.put("ce_specversion", "1.0");
    headers.put("ce_type", ORDER_PLACED);
    headers.put("ce_subject", "ann");
    headers.put("ce_time", "2026-01-02T03:04:05Z");
    headers.put("ce_channel", "web");
    headers.put("content-type", "application/protobuf");

    IncomingEvent event = CloudEventRecords.incoming(record("key-1", ORDER.toByteArray(), headers), ANY_ONLY);

    assertEquals(ORDER_PLACED_URL, event.payload().getTypeUrl());
    assertEquals(ORDER.toByteString(), event.payload().getValue());
    assertEquals(Map.of("id", "order-1", "source", "/shop", "specversion", "1.0", "type", ORDER_PLACED,
        "subject", "ann", "time", "2026-01-02T03:04:05Z", "channel", "web", "datacontenttype", "application/protobuf"),
        event.cloudEvent().attributes());
  }

  @Test
  void headerNamesAreReadIgnoringCase() {
    IncomingEvent event = CloudEventRecords.incoming(record("k", "hi".getBytes(StandardCharsets.UTF_8),
        Map.of("CE_ID", "x-1", "Content-Type", "text/plain")), ANY_ONLY);

    assertEquals("x-1", event.cloudEvent().get(CloudEvent.ID).orElseThrow());
    assertEquals("text/plain", event.cloudEvent().get(CloudEvent.CONTENT_TYPE).orElseThrow());
    assertEquals("p.cloudstate.io/string", event.payload().getTypeUrl());
  }

  @Test
  void aPlainRecordIsTheInputTypeOfASubscriptionsOnlyMethodWithWhatItLacksFilledIn() {
    IncomingEvent event = CloudEventRecords.incoming(record("ann", ORDER.toByteArray(), Map.of()), ONE_TYPED_METHOD);

    assertEquals(ORDER_PLACED_URL, event.payload().getTypeUrl());
    assertEquals(ORDER.toByteString(), event.payload().getValue());
    assertEquals(Map.of("id", "orders/2/42", "source", "orders", "specversion", "1.0", "type", ORDER_PLACED_URL,
        "subject", "ann", "time", "2023-11-14T22:13:20.123Z", "datacontenttype", EventEncoding.PROTOBUF),
        event.cloudEvent().attributes());
  }

  @Test
  void aPlainRecordIsBytesWhenTheSubscriptionHasAnAnyMethodOrSeveralMethods() {
    for (Subscription subscription : List.of(TYPED_AND_ANY, ANY_ONLY)) {
      IncomingEvent event = CloudEventRecords.incoming(record(null, new byte[] {1, 2, 3}, Map.of()), subscription);

      assertEquals("p.cloudstate.io/bytes", event.payload().getTypeUrl(), subscription.describe());
      assertEquals(EventEncoding.BYTES, event.cloudEvent().get(CloudEvent.CONTENT_TYPE).orElseThrow());
      assertEquals(Optional.empty(), event.cloudEvent().get(CloudEvent.SUBJECT), "no key, no subject");
    }
  }

  @Test
  void withoutContentTypeTheTypeNamedByCeTypeIsTakenOnlyWhenAMethodTakesIt() {
    IncomingEvent named = CloudEventRecords.incoming(
        record("k", ORDER.toByteArray(), Map.of("ce_type", ORDER_PLACED_URL)), TYPED_AND_ANY);
    IncomingEvent unknown = CloudEventRecords.incoming(
        record("k", ORDER.toByteArray(), Map.of("ce_type", "com.example.order.placed")), ONE_TYPED_METHOD);

    assertEquals(ORDER_PLACED_URL, named.payload().getTypeUrl());
    assertEquals("p.cloudstate.io/bytes", unknown.payload().getTypeUrl(), "ce_type says it is something else");
    assertEquals("com.example.order.placed", unknown.cloudEvent().get(CloudEvent.TYPE).orElseThrow());
  }

  @Test
  void aReplyBecomesARecordKeyedByItsSubjectWithItsAttributesAsHeaders() {
    Map<String, String> attributes = Map.of("id", "r-1", "source", "svc", "specversion", "1.0",
        "type", "stateside.example.ordertopics.OrderConfirmed", "subject", "ann", "time", "2026-01-02T03:04:05Z",
        "inputid", "order-1", "datacontenttype", "application/protobuf");
    OutgoingEvent event = new OutgoingEvent("confirmations", "ann", new CloudEvent(attributes), ORDER.toByteString());

    ProducerRecord<byte[], byte[]> record = CloudEventRecords.outgoing(event);

    assertEquals("confirmations", record.topic());
    assertArrayEquals("ann".getBytes(StandardCharsets.UTF_8), record.key());
    assertArrayEquals(ORDER.toByteArray(), record.value());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    assertEquals(Map.of("ce_id", "r-1", "ce_source", "svc", "ce_specversion", "1.0",
        "ce_type", "stateside.example.ordertopics.OrderConfirmed", "ce_subject", "ann",
        "ce_time", "2026-01-02T03:04:05Z", "ce_inputid", "order-1", "content-type", "application/protobuf"), headers);

    ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, 7, TIMESTAMP,
        TimestampType.CREATE_TIME, -1L, -1, -1, record.key(), record.value(), record.headers());
    assertEquals(attributes, CloudEventRecords.incoming(consumed, ANY_ONLY).cloudEvent().attributes(),
        "read back as published");
  }

  @Test
  void aReplyWithoutSubjectHasNoKey() {
    OutgoingEvent event = new OutgoingEvent("t", "", new CloudEvent(Map.of("id", "r")), ByteString.EMPTY);

    assertNull(CloudEventRecords.outgoing(event).key());
  }

  private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, Map<String, String> headers) {
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
    return new ConsumerRecord<>("orders", 2, 42, TIMESTAMP, TimestampType.CREATE_TIME, -1L, -1, -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, recordHeaders);
  }

  private static Subscription subscription(Map<String, String> methodsByInputType) {
    Map<String, SubscriberMethod> methods = new LinkedHashMap<>();
    methodsByInputType.forEach((type, method) -> methods.put(type, new SubscriberMethod("shop.Orders", method, type)));
    return new Subscription(new SubscriptionSource.Topic("orders"), "shop.Orders", "shop.Orders", methods);
  }
}
