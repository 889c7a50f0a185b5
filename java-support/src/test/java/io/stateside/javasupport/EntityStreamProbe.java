package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.SinkQueueWithCancel;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedSnapshot;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Plays the proxy's side of one {@code EventSourced.handle} stream over real gRPC. */
final class EntityStreamProbe {

  private final SourceQueueWithComplete<EventSourcedStreamIn> in;
  private final SinkQueueWithCancel<EventSourcedStreamOut> out;
  private final AtomicLong nextCommandId = new AtomicLong(1);
  private String entityId = "";

  private EntityStreamProbe(SourceQueueWithComplete<EventSourcedStreamIn> in, SinkQueueWithCancel<EventSourcedStreamOut> out) {
    this.in = in;
    this.out = out;
  }

  static EntityStreamProbe open(EventSourcedClient client, ActorSystem system) {
    Pair<SourceQueueWithComplete<EventSourcedStreamIn>, Source<EventSourcedStreamIn, NotUsed>> input =
        Source.<EventSourcedStreamIn>queue(16, OverflowStrategy.backpressure()).preMaterialize(system);
    SinkQueueWithCancel<EventSourcedStreamOut> output = client.handle(input.second()).runWith(Sink.queue(), system);
    return new EntityStreamProbe(input.first(), output);
  }

  static Any any(Message message) {
    return MessageType.pack(message);
  }

  EntityStreamProbe init(String serviceName, String entityId) {
    this.entityId = entityId;
    return send(EventSourcedStreamIn.newBuilder()
        .setInit(EventSourcedInit.newBuilder().setServiceName(serviceName).setEntityId(entityId))
        .build());
  }

  EntityStreamProbe initFromSnapshot(String serviceName, String entityId, long sequence, Message snapshot) {
    this.entityId = entityId;
    return send(EventSourcedStreamIn.newBuilder()
        .setInit(EventSourcedInit.newBuilder().setServiceName(serviceName).setEntityId(entityId)
            .setSnapshot(EventSourcedSnapshot.newBuilder().setSnapshotSequence(sequence).setSnapshot(any(snapshot))))
        .build());
  }

  EntityStreamProbe event(long sequence, Message event) {
    return send(EventSourcedStreamIn.newBuilder()
        .setEvent(EventSourcedEvent.newBuilder().setSequence(sequence).setPayload(any(event)))
        .build());
  }

  /** Sends a command and returns the reply to it, checking it carries the command's id. */
  EventSourcedReply command(String name, Message payload) {
    return command(name, any(payload));
  }

  EventSourcedReply command(String name, Any payload) {
    long id = sendCommand(name, payload);
    EventSourcedStreamOut next = next();
    assertTrue(next.hasReply(), () -> "Expected a reply, got " + next);
    assertEquals(id, next.getReply().getCommandId());
    return next.getReply();
  }

  long sendCommand(String name, Any payload) {
    long id = nextCommandId.getAndIncrement();
    send(EventSourcedStreamIn.newBuilder()
        .setCommand(Command.newBuilder().setEntityId(entityId).setId(id).setName(name).setPayload(payload))
        .build());
    return id;
  }

  EntityStreamProbe send(EventSourcedStreamIn message) {
    await(in.offer(message).toCompletableFuture());
    return this;
  }

  /** The next message from the user function; fails if the stream ends instead. */
  EventSourcedStreamOut next() {
    return await(out.pull().toCompletableFuture()).orElseGet(() -> fail("The entity stream ended"));
  }

  void expectCompleted() {
    Optional<EventSourcedStreamOut> next = await(out.pull().toCompletableFuture());
    assertTrue(next.isEmpty(), () -> "Expected the stream to end, got " + next.get());
  }

  /** Ends the stream from the proxy's side, as passivation does. */
  void close() {
    in.complete();
    expectCompleted();
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("No answer from the user function in time", e);
    }
  }
}
