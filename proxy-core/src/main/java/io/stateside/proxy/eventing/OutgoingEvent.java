package io.stateside.proxy.eventing;

import com.google.protobuf.ByteString;

/**
 * A reply on its way to a topic, as a CloudEvent: its attributes (at least id, source,
 * specversion, type and datacontenttype) and its data. {@code key} is what the broker partitions
 * by (the event's subject, so that the replies about one entity stay in order), empty for none.
 */
public record OutgoingEvent(String topic, String key, CloudEvent cloudEvent, ByteString data) {}
