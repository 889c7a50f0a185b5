package io.stateside.proxy.eventing;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.proxy.routing.ClientReply;
import io.stateside.proxy.routing.ReplyPublisher;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Publishes a method's replies to its topic as CloudEvents. The attributes default to a fresh id,
 * the service as source, the reply's message type as type, the call's subject and the time of
 * publishing; the user function overrides any of them with {@code ce-*} metadata on its reply.
 */
final class TopicReplyPublisher implements ReplyPublisher {

  private final String topic;
  private final String serviceName;
  private final String outputType;
  private final TopicSupport topics;

  TopicReplyPublisher(String topic, String serviceName, String outputType, TopicSupport topics) {
    this.topic = topic;
    this.serviceName = serviceName;
    this.outputType = outputType;
    this.topics = topics;
  }

  @Override
  public CompletionStage<Void> publish(ClientReply reply, String subject) {
    return topics.publish(event(reply, subject)).thenApply(done -> null);
  }

  OutgoingEvent event(ClientReply reply, String subject) {
    EventEncoding.Encoded encoded = EventEncoding.fromPayload(payload(reply));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(CloudEvent.ID, UUID.randomUUID().toString());
    attributes.put(CloudEvent.SOURCE, serviceName);
    attributes.put(CloudEvent.SPECVERSION, CloudEvent.SPEC_VERSION);
    attributes.put(CloudEvent.TYPE, encoded.type());
    attributes.put(CloudEvent.CONTENT_TYPE, encoded.contentType());
    attributes.put(CloudEvent.TIME, Instant.now().toString());
    if (!subject.isEmpty()) {
      attributes.put(CloudEvent.SUBJECT, subject);
    }
    attributes.putAll(CloudEvent.fromMetadata(reply.metadata()));
    CloudEvent cloudEvent = new CloudEvent(attributes);
    return new OutgoingEvent(topic, cloudEvent.subject(), cloudEvent, encoded.data());
  }

  /** The reply as an Any: a method returning Any replies with one, others with their output message. */
  private Any payload(ClientReply reply) {
    if (outputType.equals(SubscriberMethod.ANY)) {
      try {
        return Any.parseFrom(reply.payload());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("a reply declared as google.protobuf.Any is not one", e);
      }
    }
    return Any.newBuilder().setTypeUrl(EventEncoding.PROTOBUF_TYPE_URL_PREFIX + outputType).setValue(reply.payload()).build();
  }
}
