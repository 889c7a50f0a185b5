package io.stateside.proxy.eventing.eventlog;

import akka.projection.eventsourced.EventEnvelope;
import com.google.protobuf.Any;
import io.stateside.proxy.eventing.CloudEvent;
import io.stateside.proxy.eventing.EventEncoding;
import io.stateside.proxy.eventing.IncomingEvent;
import java.time.Instant;
import java.util.Map;

/**
 * An event of an event log as a subscriber sees it: the stored payload with its type URL, and
 * the CloudEvent attributes: the event log as source, the entity id as subject, and an id made
 * of both that stays the same when the event is delivered again (so subscribers can spot
 * duplicates), plus the {@code sequence} extension (the event's number within its entity).
 */
final class EventLogEvents {

  static final String SEQUENCE = "sequence";

  private EventLogEvents() {
  }

  static IncomingEvent incoming(String eventLog, EventEnvelope<Any> envelope) {
    Any payload = envelope.event();
    String persistenceId = envelope.persistenceId();
    String entityId = persistenceId.substring(persistenceId.indexOf('|') + 1);
    String sequence = Long.toString(envelope.sequenceNr());
    return new IncomingEvent(payload, new CloudEvent(Map.of(
        CloudEvent.ID, entityId + "/" + sequence,
        CloudEvent.SOURCE, eventLog,
        CloudEvent.SPECVERSION, CloudEvent.SPEC_VERSION,
        CloudEvent.TYPE, payload.getTypeUrl(),
        CloudEvent.CONTENT_TYPE, EventEncoding.PROTOBUF_ANY,
        CloudEvent.SUBJECT, entityId,
        CloudEvent.TIME, Instant.ofEpochMilli(envelope.timestamp()).toString(),
        SEQUENCE, sequence)));
  }
}
