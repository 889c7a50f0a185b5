package io.stateside.tck.eventing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import io.stateside.protocol.Reply;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EmitEventRequest;
import io.stateside.tck.model.eventlogeventing.EventLogSubscriberModel;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventSourcedEntityOne;
import io.stateside.tck.model.eventlogeventing.EventSourcedEntityTwo;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.JsonEvent;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Response;
import io.stateside.tck.protocol.Messages;
import io.stateside.tck.protocol.Payloads;
import io.stateside.tck.scenario.Expect;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The event-log eventing model's names and messages, and the CloudEvent metadata of its events. */
final class EventLogModel {

  static final String SUBSCRIBER = EventLogSubscriberModel.name;
  static final String ONE = EventSourcedEntityOne.name;
  static final String TWO = EventSourcedEntityTwo.name;
  static final String LOG_ONE = "eventlogeventing-one";
  static final String LOG_TWO = "eventlogeventing-two";
  static final String PROCESS_EVENT_ONE = "ProcessEventOne";
  static final String PROCESS_EVENT_TWO = "ProcessEventTwo";
  static final String PROCESS_ANY_EVENT = "ProcessAnyEvent";
  static final String EFFECT = "Effect";
  static final String EMIT_EVENT = "EmitEvent";
  static final String EMIT_JSON_EVENT = "EmitJsonEvent";

  /** The content type of events from an event log: the data is a stored {@code Any}'s value, its type URL the type. */
  static final String PROTOBUF_ANY = "application/vnd.cloudstate.protobuf.any";
  static final String JSON_TYPE_URL_PREFIX = "json.cloudstate.io/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventLogModel() {}

  // --- the model's messages

  static ProcessStep reply(String message) {
    return ProcessStep.newBuilder().setReply(io.stateside.tck.model.eventlogeventing.Reply.newBuilder().setMessage(message))
        .build();
  }

  static ProcessStep forward(String message) {
    return ProcessStep.newBuilder()
        .setForward(io.stateside.tck.model.eventlogeventing.Forward.newBuilder().setMessage(message)).build();
  }

  static EventOne eventOne(ProcessStep step) {
    return EventOne.newBuilder().setStep(step).build();
  }

  static EventTwo eventTwo(ProcessStep... steps) {
    return EventTwo.newBuilder().addAllStep(Arrays.asList(steps)).build();
  }

  static EmitEventRequest emit(String entityId, EventOne event) {
    return EmitEventRequest.newBuilder().setId(entityId).setEventOne(event).build();
  }

  static EmitEventRequest emit(String entityId, EventTwo event) {
    return EmitEventRequest.newBuilder().setId(entityId).setEventTwo(event).build();
  }

  static JsonEvent jsonEvent(String entityId, String message) {
    return JsonEvent.newBuilder().setId(entityId).setMessage(message).build();
  }

  static Response response(String id, String message) {
    return Response.newBuilder().setId(id).setMessage(message).build();
  }

  static EffectRequest effect(String id, String message) {
    return EffectRequest.newBuilder().setId(id).setMessage(message).build();
  }

  static Empty empty() {
    return Empty.getDefaultInstance();
  }

  // --- the subscriber's calls, as a proxy makes them

  /**
   * The metadata a proxy sends with the {@code sequence}-th event of an entity from an event log:
   * its CloudEvent attributes, named as in CloudEvents' HTTP binding.
   */
  static Metadata eventMetadata(String eventLog, String entityId, long sequence, String typeUrl) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("ce-id", entityId + "/" + sequence);
    attributes.put("ce-source", eventLog);
    attributes.put("ce-specversion", "1.0");
    attributes.put("ce-type", typeUrl);
    attributes.put("ce-subject", entityId);
    attributes.put("ce-time", "2026-01-01T00:00:00Z");
    attributes.put("ce-sequence", Long.toString(sequence));
    attributes.put("Content-Type", PROTOBUF_ANY);
    Metadata.Builder metadata = Metadata.newBuilder();
    attributes.forEach((key, value) -> metadata.addEntries(MetadataEntry.newBuilder().setKey(key).setStringValue(value)));
    return metadata.build();
  }

  /** A call of the subscriber delivering {@code event}, without metadata. */
  static ActionCommand delivery(String method, Any event) {
    return ActionCommand.newBuilder().setServiceName(SUBSCRIBER).setName(method).setPayload(event).build();
  }

  static ActionCommand effectCall(EffectRequest request) {
    return ActionCommand.newBuilder().setServiceName(SUBSCRIBER).setName(EFFECT).setPayload(Messages.pack(request)).build();
  }

  static ActionResponse replied(Response response) {
    return ActionResponse.newBuilder().setReply(Reply.newBuilder().setPayload(Messages.pack(response))).build();
  }

  static ActionResponse forwarded(EffectRequest request) {
    return ActionResponse.newBuilder()
        .setForward(Forward.newBuilder().setServiceName(SUBSCRIBER).setCommandName(EFFECT).setPayload(Messages.pack(request)))
        .build();
  }

  /**
   * A subscriber's answer as scenarios compare it: the metadata of a reply is the library's own
   * business (it may set the attributes of a published event), so it is left out.
   */
  static ActionResponse withoutReplyMetadata(ActionResponse response) {
    return response.hasReply()
        ? response.toBuilder().setReply(response.getReply().toBuilder().clearMetadata()).build()
        : response;
  }

  // --- checks

  /**
   * Expects the metadata of a call to describe the event of an event log: the attributes every
   * subscriber may rely on, as Cloudstate's proxy sends them.
   */
  static void expectEventMetadata(Metadata metadata, String eventLog, String entityId, String typeUrl) {
    Map<String, String> byKey = new LinkedHashMap<>();
    metadata.getEntriesList().forEach(entry -> byKey.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getStringValue()));
    Expect.that(!byKey.getOrDefault("ce-id", "").isEmpty(), "the event's ce-id is missing or empty: " + byKey);
    Expect.equal("the event's ce-source (its event log)", eventLog, byKey.get("ce-source"));
    Expect.equal("the event's ce-specversion", "1.0", byKey.get("ce-specversion"));
    Expect.equal("the event's ce-type (its type URL)", typeUrl, byKey.get("ce-type"));
    Expect.equal("the event's ce-subject (the entity's id)", entityId, byKey.get("ce-subject"));
    Expect.equal("the event's Content-Type", PROTOBUF_ANY, byKey.get("content-type"));
  }

  /**
   * The {@code message} property of a JSON event in Cloudstate's encoding: type URL
   * {@code json.cloudstate.io/...}, its value a message whose field 1 holds the JSON text.
   *
   * @throws AssertionError if the event is not one
   */
  static String jsonMessage(String what, Any event) {
    Expect.that(event.getTypeUrl().startsWith(JSON_TYPE_URL_PREFIX),
        what + " has type URL " + event.getTypeUrl() + ", not " + JSON_TYPE_URL_PREFIX + "<type>");
    JsonNode json;
    try {
      // BytesValue is exactly "a message whose field 1 holds bytes".
      json = JSON.readTree(BytesValue.parseFrom(event.getValue()).getValue().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(what + " is not a message holding JSON in field 1: " + e.getMessage());
    } catch (IOException e) {
      throw new AssertionError(what + " does not hold JSON in field 1: " + e.getMessage());
    }
    Expect.that(json != null && json.isObject() && json.path("message").isTextual(),
        what + " holds " + json + ", not a JSON object with a text property 'message'");
    return json.get("message").asText();
  }

  /** Expects an answer to be exactly {@code expected}, but for its reply's metadata, payloads compared as messages. */
  static void expectAnswer(String what, ActionResponse expected, ActionResponse actual) {
    Expect.equal(what, Payloads.canonical(expected), Payloads.canonical(withoutReplyMetadata(actual)));
  }
}
