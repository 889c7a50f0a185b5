package io.stateside.javasupport;

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
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.StreamCancelled;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtInit;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Plays the proxy's side of one {@code Crdt.handle} stream over real gRPC. */
final class CrdtStreamProbe {

  private final SourceQueueWithComplete<CrdtStreamIn> in;
  private final SinkQueueWithCancel<CrdtStreamOut> out;
  private String entityId = "";

  private CrdtStreamProbe(SourceQueueWithComplete<CrdtStreamIn> in, SinkQueueWithCancel<CrdtStreamOut> out) {
    this.in = in;
    this.out = out;
  }

  static CrdtStreamProbe open(CrdtClient client, ActorSystem system) {
    Pair<SourceQueueWithComplete<CrdtStreamIn>, Source<CrdtStreamIn, NotUsed>> input =
        Source.<CrdtStreamIn>queue(16, OverflowStrategy.backpressure()).preMaterialize(system);
    SinkQueueWithCancel<CrdtStreamOut> output = client.handle(input.second()).runWith(Sink.queue(), system);
    return new CrdtStreamProbe(input.first(), output);
  }

  CrdtStreamProbe init(String serviceName, String entityId) {
    return init(CrdtInit.newBuilder().setServiceName(serviceName).setEntityId(entityId).build());
  }

  CrdtStreamProbe init(String serviceName, String entityId, CrdtDelta delta) {
    return init(CrdtInit.newBuilder().setServiceName(serviceName).setEntityId(entityId).setDelta(delta).build());
  }

  private CrdtStreamProbe init(CrdtInit init) {
    this.entityId = init.getEntityId();
    return send(CrdtStreamIn.newBuilder().setInit(init).build());
  }

  /** Sends a command with this id; the test reads the answers itself. */
  CrdtStreamProbe command(long id, String name, Message payload, boolean streamed) {
    return send(CrdtStreamIn.newBuilder()
        .setCommand(Command.newBuilder().setEntityId(entityId).setId(id).setName(name)
            .setPayload(MessageType.pack(payload)).setStreamed(streamed))
        .build());
  }

  CrdtStreamProbe delta(CrdtDelta delta) {
    return send(CrdtStreamIn.newBuilder().setDelta(delta).build());
  }

  CrdtStreamProbe delete() {
    return send(CrdtStreamIn.newBuilder().setDelete(CrdtDelete.getDefaultInstance()).build());
  }

  CrdtStreamProbe cancel(long id) {
    return send(CrdtStreamIn.newBuilder()
        .setStreamCancelled(StreamCancelled.newBuilder().setEntityId(entityId).setId(id)).build());
  }

  CrdtStreamProbe send(CrdtStreamIn message) {
    await(in.offer(message).toCompletableFuture());
    return this;
  }

  /** The next message from the user function; fails if the stream ends instead. */
  CrdtStreamOut next() {
    return await(out.pull().toCompletableFuture()).orElseGet(() -> fail("The entity stream ended"));
  }

  void expectCompleted() {
    Optional<CrdtStreamOut> next = await(out.pull().toCompletableFuture());
    assertTrue(next.isEmpty(), () -> "Expected the stream to end, got " + next.get());
  }

  /** Ends the stream from the proxy's side, as passivation does, and checks nothing else was sent. */
  void close() {
    in.complete();
    expectCompleted();
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("No answer from the user function in time", e);
    }
  }
}
