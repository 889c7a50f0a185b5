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
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.protocol.valueentity.ValueEntityInit;
import io.stateside.protocol.valueentity.ValueEntityInitState;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Plays the proxy's side of one {@code ValueEntity.handle} stream over real gRPC. */
final class ValueStreamProbe {

  private final SourceQueueWithComplete<ValueEntityStreamIn> in;
  private final SinkQueueWithCancel<ValueEntityStreamOut> out;
  private final AtomicLong nextCommandId = new AtomicLong(1);
  private String entityId = "";

  private ValueStreamProbe(SourceQueueWithComplete<ValueEntityStreamIn> in, SinkQueueWithCancel<ValueEntityStreamOut> out) {
    this.in = in;
    this.out = out;
  }

  static ValueStreamProbe open(ValueEntityClient client, ActorSystem system) {
    Pair<SourceQueueWithComplete<ValueEntityStreamIn>, Source<ValueEntityStreamIn, NotUsed>> input =
        Source.<ValueEntityStreamIn>queue(16, OverflowStrategy.backpressure()).preMaterialize(system);
    SinkQueueWithCancel<ValueEntityStreamOut> output = client.handle(input.second()).runWith(Sink.queue(), system);
    return new ValueStreamProbe(input.first(), output);
  }

  /** An init as Stateside's and Cloudstate's proxies send it when nothing is stored: a state without value. */
  ValueStreamProbe init(String serviceName, String entityId) {
    return init(serviceName, entityId, ValueEntityInitState.getDefaultInstance());
  }

  ValueStreamProbe initWithState(String serviceName, String entityId, Message stored) {
    return init(serviceName, entityId, ValueEntityInitState.newBuilder().setValue(MessageType.pack(stored)).build());
  }

  ValueStreamProbe init(String serviceName, String entityId, ValueEntityInitState state) {
    this.entityId = entityId;
    return send(ValueEntityStreamIn.newBuilder()
        .setInit(ValueEntityInit.newBuilder().setServiceName(serviceName).setEntityId(entityId).setState(state))
        .build());
  }

  /** Sends a command and returns the reply to it, checking it carries the command's id. */
  ValueEntityReply command(String name, Message payload) {
    long id = sendCommand(name, MessageType.pack(payload), io.stateside.protocol.Metadata.getDefaultInstance());
    return replyTo(id);
  }

  ValueEntityReply replyTo(long id) {
    ValueEntityStreamOut next = next();
    assertTrue(next.hasReply(), () -> "Expected a reply, got " + next);
    assertEquals(id, next.getReply().getCommandId());
    return next.getReply();
  }

  long sendCommand(String name, Any payload, io.stateside.protocol.Metadata metadata) {
    long id = nextCommandId.getAndIncrement();
    send(ValueEntityStreamIn.newBuilder()
        .setCommand(Command.newBuilder().setEntityId(entityId).setId(id).setName(name).setPayload(payload)
            .setMetadata(metadata))
        .build());
    return id;
  }

  ValueStreamProbe send(ValueEntityStreamIn message) {
    await(in.offer(message).toCompletableFuture());
    return this;
  }

  /** The next message from the user function; fails if the stream ends instead. */
  ValueEntityStreamOut next() {
    return await(out.pull().toCompletableFuture()).orElseGet(() -> fail("The entity stream ended"));
  }

  void expectCompleted() {
    Optional<ValueEntityStreamOut> next = await(out.pull().toCompletableFuture());
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
