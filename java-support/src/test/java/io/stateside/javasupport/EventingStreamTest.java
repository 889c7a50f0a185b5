package io.stateside.javasupport;

import static io.stateside.javasupport.EventingModel.NOTE;
import static io.stateside.javasupport.EventingModel.NOTES;
import static io.stateside.javasupport.EventingModel.SUBSCRIBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.stream.javadsl.Sink;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.stateside.javasupport.EventingModel.Note;
import io.stateside.protocol.Forward;
import io.stateside.protocol.MetadataEntry;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.JsonEvent;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Reply;
import io.stateside.tck.model.eventlogeventing.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscribing methods as the proxy calls them on the wire: events with their CloudEvent metadata
 * reaching actions (unary and server-streaming) and entities, methods of {@code Any} taking
 * protobuf and JSON events, the {@code ce-*} metadata of replies, and entities emitting and
 * recovering JSON events.
 */
class EventingStreamTest {

  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  /** The metadata the proxy sends with the cart-7's event 3 from an event log. */
  private static io.stateside.protocol.Metadata eventMetadata(String type) {
    return CloudEvent.of("cart-7/3", "eventlogeventing-one", type)
        .withSubject("cart-7")
        .withSequence(3)
        .withTime(Instant.parse("2026-01-02T03:04:05Z"))
        .withDataContentType("application/vnd.cloudstate.protobuf.any")
        .toMetadata()
        .toProtocol();
  }

  private static ActionCommand event(String method, Any payload) {
    return ActionCommand.newBuilder()
        .setServiceName(SUBSCRIBER)
        .setName(method)
        .setPayload(payload)
        .setMetadata(eventMetadata(payload.getTypeUrl()))
        .build();
  }

  private static ActionResponse unary(ActionCommand command) throws Exception {
    return userFunction.actions().handleUnary(command).toCompletableFuture()
        .get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static ProcessStep reply(String message) {
    return ProcessStep.newBuilder().setReply(Reply.newBuilder().setMessage(message)).build();
  }

  private static ProcessStep forward(String message) {
    return ProcessStep.newBuilder()
        .setForward(io.stateside.tck.model.eventlogeventing.Forward.newBuilder().setMessage(message)).build();
  }

  private static Any any(Message message) {
    return MessageType.pack(message);
  }

  private static Any response(String id, String message) {
    return any(Response.newBuilder().setId(id).setMessage(message).build());
  }

  @Test
  void aSubscriberReadsTheEventsCloudEventAndItsReplySetsThePublishedAttributes() throws Exception {
    ActionResponse answer = unary(event("ProcessEventOne", any(EventOne.newBuilder().setStep(reply("hello")).build())));

    assertEquals(response("cart-7", "hello #3 from eventlogeventing-one"), answer.getReply().getPayload());
    assertEquals(List.of(MetadataEntry.newBuilder().setKey("ce-type").setStringValue("answer").build()),
        answer.getReply().getMetadata().getEntriesList());
  }

  @Test
  void aSubscriberForwardsWithTheEventsSubject() throws Exception {
    ActionResponse answer = unary(event("ProcessEventOne", any(EventOne.newBuilder().setStep(forward("on")).build())));

    assertEquals(Forward.newBuilder()
            .setServiceName(SUBSCRIBER)
            .setCommandName("Effect")
            .setPayload(any(EffectRequest.newBuilder().setId("cart-7").setMessage("on").build()))
            .build(),
        answer.getForward());
  }

  @Test
  void aServerStreamingSubscriberAnswersEachStepOfOneEvent() throws Exception {
    EventTwo event = EventTwo.newBuilder().addStep(reply("a")).addStep(forward("b")).addStep(reply("c")).build();

    List<ActionResponse> answers = userFunction.actions().handleStreamedOut(event("ProcessEventTwo", any(event)))
        .runWith(Sink.seq(), userFunction.clientSystem())
        .toCompletableFuture().get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(3, answers.size());
    assertEquals(response("cart-7", "a #3 from eventlogeventing-one"), answers.get(0).getReply().getPayload());
    assertEquals(any(EffectRequest.newBuilder().setId("cart-7").setMessage("b").build()),
        answers.get(1).getForward().getPayload());
    assertEquals(response("cart-7", "c #3 from eventlogeventing-one"), answers.get(2).getReply().getPayload());
  }

  @Test
  void aMethodOfAnyTakesJsonEventsAndProtobufEventsAsTheyCome() throws Exception {
    Any json = NOTE.encode(new Note("in json", 1, "a client"));
    assertEquals(response("cart-7", "in json"), unary(event("ProcessAnyEvent", json)).getReply().getPayload());

    Any protobuf = any(EventOne.getDefaultInstance());
    assertEquals(response("cart-7", "an EventOne"), unary(event("ProcessAnyEvent", protobuf)).getReply().getPayload());

    Any text = Any.newBuilder().setTypeUrl("p.cloudstate.io/string").setValue(ByteString.copyFromUtf8("\n\u0002hi")).build();
    assertEquals("cannot take p.cloudstate.io/string", unary(event("ProcessAnyEvent", text)).getFailure().getDescription());
  }

  @Test
  void aMethodOfAnyCalledByAClientGetsTheClientsAnyUnwrapped() throws Exception {
    // A client's Any reaches the user function packed like any request: as a google.protobuf.Any.
    Any clientsAny = NOTE.encode(new Note("from a client", 1, "a client"));
    ActionCommand call = ActionCommand.newBuilder().setServiceName(SUBSCRIBER).setName("ProcessAnyEvent")
        .setPayload(any(clientsAny)).build();

    assertEquals(response("", "from a client"), unary(call).getReply().getPayload());
  }

  @Test
  void anEntityEmitsJsonEventsInCloudstatesEncodingAndReadsTheEventItHandles() {
    EntityStreamProbe notes = userFunction.openStream().init(NOTES, "json-emitter");

    EventSourcedReply first = notes.command("EmitJsonEvent", JsonEvent.newBuilder().setMessage("first").build());
    long second = notes.sendCommand("EmitJsonEvent", any(JsonEvent.newBuilder().setMessage("second").build()));
    EventSourcedStreamOut secondReply = notes.next();

    Any event = first.getEvents(0);
    assertEquals("json.cloudstate.io/Note", event.getTypeUrl());
    // Field 1 (tag 0x0a) holds the JSON text.
    String json = "{\"message\":\"first\",\"number\":1,\"from\":\"a client\"}";
    assertEquals(ByteString.copyFrom(new byte[] {0x0a, (byte) json.length()}).concat(ByteString.copyFromUtf8(json)),
        event.getValue());
    assertEquals(second, secondReply.getReply().getCommandId());
    assertEquals(new Note("second", 2, "a client"), NOTE.decode(secondReply.getReply().getEvents(0)));
  }

  @Test
  void anEntitysSubscribingMethodSeesTheEventsCloudEvent() {
    EntityStreamProbe notes = userFunction.openStream().init(NOTES, "json-subscriber");
    long id = notes.sendCommand("EmitJsonEvent", any(JsonEvent.newBuilder().setMessage("seen").build()));
    // sendCommand sends no metadata; send one with the event's, as the proxy does for a subscription.
    notes.send(EventSourcedStreamIn.newBuilder().setCommand(io.stateside.protocol.Command.newBuilder()
        .setEntityId("json-subscriber").setId(id + 1).setName("EmitJsonEvent")
        .setPayload(any(JsonEvent.newBuilder().setMessage("from an event").build()))
        .setMetadata(eventMetadata("type.googleapis.com/cloudstate.tck.model.eventlogeventing.JsonEvent"))).build());

    assertEquals(new Note("seen", 1, "a client"), NOTE.decode(notes.next().getReply().getEvents(0)));
    assertEquals(new Note("from an event", 2, "cart-7"), NOTE.decode(notes.next().getReply().getEvents(0)));
  }

  @Test
  void anEntityRecoversFromStoredJsonEventsWrittenByAnyLibrary() {
    EntityStreamProbe notes = userFunction.openStream().init(NOTES, "json-recovered");
    // As another library would write it: the JSON text, with a property the Java type lacks.
    String json = "{\"message\":\"old\",\"number\":1,\"from\":\"elsewhere\",\"colour\":\"red\"}";
    Any stored = Any.newBuilder().setTypeUrl("json.cloudstate.io/Note")
        .setValue(ByteString.copyFrom(new byte[] {0x0a, (byte) json.length()}).concat(ByteString.copyFromUtf8(json)))
        .build();
    notes.send(EventSourcedStreamIn.newBuilder()
        .setEvent(EventSourcedEvent.newBuilder().setSequence(1).setPayload(stored)).build());
    notes.send(EventSourcedStreamIn.newBuilder()
        .setEvent(EventSourcedEvent.newBuilder().setSequence(2).setPayload(NOTE.encode(new Note("older", 2, "x")))).build());

    EventSourcedReply reply = notes.command("EmitJsonEvent", JsonEvent.newBuilder().setMessage("new").build());

    assertEquals(new Note("new", 3, "a client"), NOTE.decode(reply.getEvents(0)));
  }

  @Test
  void aStoredJsonEventOfAnUnknownTypeEndsTheStream() {
    EntityStreamProbe notes = userFunction.openStream().init(NOTES, "json-unknown");
    Any unknown = Any.newBuilder().setTypeUrl("json.cloudstate.io/Other")
        .setValue(ByteString.copyFrom("\n\u0002{}", StandardCharsets.UTF_8)).build();
    notes.send(EventSourcedStreamIn.newBuilder()
        .setEvent(EventSourcedEvent.newBuilder().setSequence(1).setPayload(unknown)).build());

    EventSourcedStreamOut out = notes.next();
    assertTrue(out.hasFailure(), () -> "expected a failure, got " + out);
    notes.expectCompleted();
  }
}
