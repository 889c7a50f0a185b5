package io.stateside.bench.load;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.stateside.bench.BenchServices;
import io.stateside.bench.protocol.CounterReply;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The no-proxy baseline: sends commands straight to the user function over its
 * {@code cloudstate.eventsourced.EventSourced/handle} protocol stream, one stream per entity, as a
 * proxy would but with no journal behind it. Entities start empty (an init without snapshot).
 */
public final class StreamTarget implements CounterTarget {

  /** How commands to one entity share its stream. */
  public enum Discipline {
    /** The next command goes down the stream once the previous one is answered, as the proxy does today. */
    ONE_AT_A_TIME,
    /** Commands go down the stream as they come; the user function answers in order. */
    PIPELINED
  }

  private static final MethodDescriptor<EventSourcedStreamIn, EventSourcedStreamOut> HANDLE =
      MethodDescriptor.<EventSourcedStreamIn, EventSourcedStreamOut>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(EventSourced.name, "handle"))
          .setRequestMarshaller(ProtoMarshaller.writeOnly())
          .setResponseMarshaller(ProtoMarshaller.reading(EventSourcedStreamOut.parser()))
          .build();

  private final ManagedChannel channel;
  private final Discipline discipline;
  private final ConcurrentMap<String, EntityStream> streams = new ConcurrentHashMap<>();

  private StreamTarget(ManagedChannel channel, Discipline discipline) {
    this.channel = channel;
    this.discipline = discipline;
  }

  public static StreamTarget connect(String host, int port, Discipline discipline) {
    return new StreamTarget(ManagedChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build(), discipline);
  }

  @Override
  public void send(Command command, Completion done) {
    streams.computeIfAbsent(command.service().fullName() + "|" + command.counterId(),
            key -> new EntityStream(command.service(), command.counterId()))
        .send(command, done);
  }

  @Override
  public void close() {
    streams.values().forEach(EntityStream::end);
    GrpcCalls.close(channel);
  }

  private record Pending(Command command, Completion done) {}

  /** One entity's stream. Its state is guarded by the stream object itself. */
  private final class EntityStream implements StreamObserver<EventSourcedStreamOut> {

    private final String entityId;
    private final StreamObserver<EventSourcedStreamIn> requests;
    private final Map<Long, Pending> sent = new LinkedHashMap<>();
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    private long lastCommandId;
    private Throwable broken;
    private boolean ended;

    EntityStream(BenchServices service, String entityId) {
      this.entityId = entityId;
      this.requests = ClientCalls.asyncBidiStreamingCall(channel.newCall(HANDLE, CallOptions.DEFAULT), this);
      requests.onNext(EventSourcedStreamIn.newBuilder()
          .setInit(EventSourcedInit.newBuilder().setServiceName(service.fullName()).setEntityId(entityId))
          .build());
    }

    void send(Command command, Completion done) {
      Throwable failure;
      synchronized (this) {
        failure = broken;
        if (failure == null) {
          Pending pending = new Pending(command, done);
          if (discipline == Discipline.ONE_AT_A_TIME && !sent.isEmpty()) {
            queued.add(pending);
          } else {
            push(pending);
          }
          return;
        }
      }
      done.completed(null, failure);
    }

    /** Sends a command down the stream; the caller holds the lock. */
    private void push(Pending pending) {
      long id = ++lastCommandId;
      sent.put(id, pending);
      requests.onNext(EventSourcedStreamIn.newBuilder()
          .setCommand(io.stateside.protocol.Command.newBuilder()
              .setEntityId(entityId)
              .setId(id)
              .setName(pending.command().kind().methodName())
              .setPayload(Any.pack(pending.command().request())))
          .build());
    }

    @Override
    public void onNext(EventSourcedStreamOut out) {
      if (!out.hasReply()) {
        failAll(Status.UNKNOWN.withDescription("the user function failed the stream: " + out.getFailure().getDescription())
            .asRuntimeException());
        return;
      }
      EventSourcedReply reply = out.getReply();
      Pending answered;
      synchronized (this) {
        answered = sent.remove(reply.getCommandId());
        if (discipline == Discipline.ONE_AT_A_TIME && sent.isEmpty() && !queued.isEmpty()) {
          push(queued.poll());
        }
      }
      if (answered == null) {
        failAll(Status.INTERNAL.withDescription("reply to unknown command " + reply.getCommandId()).asRuntimeException());
        return;
      }
      complete(answered, reply.getClientAction());
    }

    @Override
    public void onError(Throwable error) {
      failAll(error);
    }

    @Override
    public void onCompleted() {
      failAll(Status.UNAVAILABLE.withDescription("the user function ended the stream").asRuntimeException());
    }

    synchronized void end() {
      if (!ended && broken == null) {
        ended = true;
        requests.onCompleted();
      }
    }

    private void failAll(Throwable error) {
      List<Pending> failed;
      synchronized (this) {
        if (broken == null) {
          broken = error;
        }
        failed = new ArrayList<>(sent.values());
        failed.addAll(queued);
        sent.clear();
        queued.clear();
      }
      failed.forEach(pending -> pending.done().completed(null, error));
    }

    private void complete(Pending pending, ClientAction action) {
      switch (action.getActionCase()) {
        case REPLY -> {
          CounterReply reply;
          try {
            reply = CounterReply.parseFrom(action.getReply().getPayload().getValue());
          } catch (InvalidProtocolBufferException e) {
            pending.done().completed(null, e);
            return;
          }
          pending.done().completed(reply, null);
        }
        case FAILURE -> pending.done().completed(null,
            Status.UNKNOWN.withDescription(action.getFailure().getDescription()).asRuntimeException());
        default -> pending.done().completed(null,
            Status.INTERNAL.withDescription("unexpected action " + action.getActionCase()).asRuntimeException());
      }
    }
  }
}
