package io.stateside.proxy.eventing.kafka;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.stateside.proxy.eventing.CloudEvent;
import io.stateside.proxy.eventing.EventEncoding;
import io.stateside.proxy.eventing.IncomingEvent;
import io.stateside.proxy.eventing.OutgoingEvent;
import io.stateside.proxy.eventing.SubscriberMethod;
import io.stateside.proxy.eventing.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Kafka records as CloudEvents in the binary content mode of CloudEvents' Kafka protocol binding:
 * each attribute is a header {@code ce_<name>}, the content type is the header
 * {@code content-type}, the record's value is the event's data and its key the event's subject.
 *
 * <p>A record may lack some or all of these headers (a plain Kafka message). What it lacks is
 * filled in: the id {@code <topic>/<partition>/<offset>} (the same each time the record is
 * delivered), the topic as source, spec version 1.0, the record's key as subject, its timestamp as
 * time. Without a content type the value is a protobuf message of the type {@code ce_type}
 * names, if a method of the subscription takes that type; without {@code ce_type} either, of
 * the input type of the subscription's method, if it has just one and that takes a concrete
 * type; in every other case it is bytes ({@code p.cloudstate.io/bytes}), which only a method
 * taking {@code google.protobuf.Any} gets. With a content type, the payload follows
 * {@link EventEncoding}.
 */
final class CloudEventRecords {

  private static final String ATTRIBUTE_HEADER_PREFIX = "ce_";
  private static final String CONTENT_TYPE_HEADER = "content-type";

  private CloudEventRecords() {}

  /** A consumed record as the event a subscriber gets. */
  static IncomingEvent incoming(ConsumerRecord<byte[], byte[]> record, Subscription subscription) {
    Map<String, String> headers = attributesFromHeaders(record);
    ByteString data = record.value() == null ? ByteString.EMPTY : ByteString.copyFrom(record.value());
    Optional<String> type = Optional.ofNullable(headers.get(CloudEvent.TYPE));
    String contentType;
    Any payload;
    if (headers.containsKey(CloudEvent.CONTENT_TYPE)) {
      contentType = headers.get(CloudEvent.CONTENT_TYPE);
      payload = EventEncoding.toPayload(data, Optional.of(contentType), type);
    } else {
      Optional<String> messageType = type.isPresent()
          ? type.map(CloudEventRecords::messageName).filter(name -> takesConcreteType(subscription, name))
          : singleConcreteInputType(subscription);
      contentType = messageType.isPresent() ? EventEncoding.PROTOBUF : EventEncoding.BYTES;
      payload = EventEncoding.toPayload(data, Optional.of(contentType), messageType);
    }

    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(CloudEvent.ID, record.topic() + "/" + record.partition() + "/" + record.offset());
    attributes.put(CloudEvent.SOURCE, record.topic());
    attributes.put(CloudEvent.SPECVERSION, CloudEvent.SPEC_VERSION);
    attributes.put(CloudEvent.TYPE, payload.getTypeUrl());
    attributes.put(CloudEvent.CONTENT_TYPE, contentType);
    if (record.key() != null && record.key().length > 0) {
      attributes.put(CloudEvent.SUBJECT, new String(record.key(), StandardCharsets.UTF_8));
    }
    if (record.timestamp() >= 0) {
      attributes.put(CloudEvent.TIME, Instant.ofEpochMilli(record.timestamp()).toString());
    }
    attributes.putAll(headers);
    return new IncomingEvent(payload, new CloudEvent(attributes));
  }

  /** A reply to publish as a record: keyed by its subject (none when empty), attributes as headers. */
  static ProducerRecord<byte[], byte[]> outgoing(OutgoingEvent event) {
    RecordHeaders headers = new RecordHeaders();
    event.cloudEvent().attributes().forEach((name, value) -> headers.add(
        name.equals(CloudEvent.CONTENT_TYPE) ? CONTENT_TYPE_HEADER : ATTRIBUTE_HEADER_PREFIX + name,
        value.getBytes(StandardCharsets.UTF_8)));
    byte[] key = event.key().isEmpty() ? null : event.key().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(event.topic(), null, key, event.data().toByteArray(), headers);
  }

  /** The CloudEvent attributes the record's headers carry (names compared ignoring case; the last of a name wins). */
  private static Map<String, String> attributesFromHeaders(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      if (header.value() == null) {
        continue;
      }
      String name = header.key().toLowerCase(Locale.ROOT);
      String value = new String(header.value(), StandardCharsets.UTF_8);
      if (name.equals(CONTENT_TYPE_HEADER)) {
        attributes.put(CloudEvent.CONTENT_TYPE, value);
      } else if (name.startsWith(ATTRIBUTE_HEADER_PREFIX) && name.length() > ATTRIBUTE_HEADER_PREFIX.length()) {
        attributes.put(name.substring(ATTRIBUTE_HEADER_PREFIX.length()), value);
      }
    }
    return attributes;
  }

  private static boolean takesConcreteType(Subscription subscription, String messageName) {
    SubscriberMethod method = subscription.methodsByInputType().get(messageName);
    return method != null && !method.takesAny();
  }

  private static Optional<String> singleConcreteInputType(Subscription subscription) {
    return subscription.methodsByInputType().size() == 1
        ? subscription.methodsByInputType().values().stream().filter(method -> !method.takesAny())
            .map(SubscriberMethod::inputType).findFirst()
        : Optional.empty();
  }

  /** A message's full name from a type given as the name or as a type URL. */
  private static String messageName(String type) {
    return type.substring(type.lastIndexOf('/') + 1);
  }
}
