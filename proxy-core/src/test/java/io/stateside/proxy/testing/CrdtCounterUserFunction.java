package io.stateside.proxy.testing;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterProto;
import io.stateside.example.crdtcounter.CrdtCounterService;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.Failure;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.Reply;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.UserFunctionError;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtHandlerFactory;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamCancelledResponse;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtStreamedMessage;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import io.stateside.protocol.crdt.GCounterDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CRDT user function for tests, written straight against the protocol: the replicated counter
 * of {@code stateside.example.crdtcounter}, a GCounter whose value each stream keeps from the
 * proxy's deltas and its own increments. It records what the proxy sends, and a test can make it
 * break its stream on a given command.
 */
public final class CrdtCounterUserFunction implements EntityDiscovery, Crdt, AutoCloseable {

  public static final String SERVICE = CrdtCounterService.name;
  private static final String TYPE_URL = "type.googleapis.com/" + CounterValue.getDescriptor().getFullName();

  private final ServerBinding binding;
  private final Optional<Duration> passivationTimeout;
  private final Map<String, List<CrdtStreamIn>> received = new ConcurrentHashMap<>();
  private final List<String> reportedErrors = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> streamsClosed = new ConcurrentHashMap<>();
  /** Entity ids whose next Increment fails the whole stream, as a crashing library would. */
  private final Map<String, Boolean> failNextIncrement = new ConcurrentHashMap<>();
  /** Entity ids whose stream ends, without a word, at the next Increment. */
  private final Map<String, Boolean> closeOnNextIncrement = new ConcurrentHashMap<>();
  /** Entity ids whose Increments get no answer at all. */
  private final Map<String, Boolean> silent = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
  /** Stands in the output for "end the stream here". */
  private static final CrdtStreamOut END_OF_STREAM = CrdtStreamOut.getDefaultInstance();

  private CrdtCounterUserFunction(ActorSystem system, Optional<Duration> passivationTimeout) {
    this.passivationTimeout = passivationTimeout;
    this.binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(ServiceHandler.concatOrNotFound(
            EntityDiscoveryHandlerFactory.partial(this, EntityDiscovery.name, system),
            CrdtHandlerFactory.partial(this, Crdt.name, system)))
        .toCompletableFuture().join();
  }

  public static CrdtCounterUserFunction start(ActorSystem system) {
    return new CrdtCounterUserFunction(system, Optional.empty());
  }

  public static CrdtCounterUserFunction start(ActorSystem system, Duration passivationTimeout) {
    return new CrdtCounterUserFunction(system, Optional.of(passivationTimeout));
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Everything the proxy sent for the entity, over all its streams, in order. */
  public List<CrdtStreamIn> received(String entityId) {
    return List.copyOf(received.getOrDefault(entityId, List.of()));
  }

  public int streamsClosed(String entityId) {
    return streamsClosed.getOrDefault(entityId, 0);
  }

  public void failNextIncrement(String entityId) {
    failNextIncrement.put(entityId, true);
  }

  /** The entity's Increments wait, unanswered, until {@link #release}; what follows them waits too. */
  public void hold(String entityId) {
    held.put(entityId, new CompletableFuture<>());
  }

  public void release(String entityId) {
    held.remove(entityId).complete(null);
  }

  private CompletionStage<Void> gate(CounterStream stream, CrdtStreamIn message) {
    CompletableFuture<Void> gate = held.get(stream.entityId);
    boolean increment = message.hasCommand() && message.getCommand().getName().equals("Increment");
    return gate != null && increment ? gate : CompletableFuture.completedFuture(null);
  }

  public void closeOnNextIncrement(String entityId) {
    closeOnNextIncrement.put(entityId, true);
  }

  /** From now on the entity's Increments go unanswered, or again answered when false. */
  public void silent(String entityId, boolean silence) {
    if (silence) {
      silent.put(entityId, true);
    } else {
      silent.remove(entityId);
    }
  }

  public List<String> reportedErrors() {
    return List.copyOf(reportedErrors);
  }

  @Override
  public void close() {
    binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().join();
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo in) {
    Entity.Builder entity = Entity.newBuilder().setEntityType(Crdt.name).setServiceName(SERVICE);
    passivationTimeout.ifPresent(timeout -> entity.setPassivationStrategy(EntityPassivationStrategy.newBuilder()
        .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(timeout.toMillis()))));
    return CompletableFuture.completedFuture(EntitySpec.newBuilder()
        .setProto(CounterUserFunction.descriptorSet(CrdtCounterProto.getDescriptor()).toByteString())
        .addEntities(entity)
        .setServiceInfo(ServiceInfo.newBuilder()
            .setServiceName("crdt-counter")
            .setSupportLibraryName("stateside-test")
            .setProtocolMajorVersion(0)
            .setProtocolMinorVersion(2))
        .build());
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError in) {
    reportedErrors.add(in.getMessage());
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }

  @Override
  public Source<CrdtStreamOut, NotUsed> handle(Source<CrdtStreamIn, NotUsed> in) {
    CounterStream stream = new CounterStream();
    // Recorded on arrival; answered in order, a held entity's Increments once released.
    return in.map(stream::recorded)
        .mapAsync(1, message -> gate(stream, message).thenApply(open -> stream.onMessage(message)))
        .mapConcat(out -> out)
        .takeWhile(out -> out != END_OF_STREAM).watchTermination((mat, done) -> {
      done.whenComplete((ok, error) -> {
        if (stream.entityId != null) {
          streamsClosed.merge(stream.entityId, 1, Integer::sum);
        }
      });
      return mat;
    });
  }

  /** One entity's stream: the counter's value as this stream knows it, and its open watches. */
  private final class CounterStream {
    private String entityId;
    private long value;
    /** Open Watch calls by command id, with the value that ends each (0: none). */
    private final Map<Long, Long> watches = new LinkedHashMap<>();

    CrdtStreamIn recorded(CrdtStreamIn message) {
      if (message.hasInit()) {
        entityId = message.getInit().getEntityId();
      }
      received.computeIfAbsent(entityId, id -> new CopyOnWriteArrayList<>()).add(message);
      return message;
    }

    List<CrdtStreamOut> onMessage(CrdtStreamIn message) {
      try {
        return answer(message);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("the proxy sent a payload that does not parse", e);
      }
    }

    private List<CrdtStreamOut> answer(CrdtStreamIn message) throws InvalidProtocolBufferException {
      if (message.hasInit() && message.getInit().hasDelta()) {
        value += message.getInit().getDelta().getGcounter().getIncrement();
      }
      return switch (message.getMessageCase()) {
        case DELTA -> {
          value += message.getDelta().getGcounter().getIncrement();
          yield watchersTold();
        }
        case COMMAND -> onCommand(message.getCommand());
        case STREAM_CANCELLED -> {
          // Counts the entity's cancelled watches, in counter "cancels-<id>", by a side effect.
          watches.remove(message.getStreamCancelled().getId());
          IncrementRequest countCancel = IncrementRequest.newBuilder().setCounterId("cancels-" + entityId).setBy(1).build();
          yield List.of(CrdtStreamOut.newBuilder().setStreamCancelledResponse(CrdtStreamCancelledResponse.newBuilder()
              .setCommandId(message.getStreamCancelled().getId())
              .addSideEffects(SideEffect.newBuilder()
                  .setServiceName(SERVICE)
                  .setCommandName("Increment")
                  .setPayload(Any.pack(countCancel)))).build());
        }
        default -> List.of();
      };
    }

    private List<CrdtStreamOut> onCommand(Command command) throws InvalidProtocolBufferException {
      CrdtReply.Builder reply = CrdtReply.newBuilder().setCommandId(command.getId());
      List<CrdtStreamOut> out = new ArrayList<>();
      switch (command.getName()) {
        case "Increment" -> {
          if (closeOnNextIncrement.remove(entityId) != null) {
            return List.of(END_OF_STREAM);
          }
          if (silent.containsKey(entityId)) {
            return List.of();
          }
          if (failNextIncrement.remove(entityId) != null) {
            return List.of(CrdtStreamOut.newBuilder().setFailure(Failure.newBuilder()
                .setCommandId(command.getId()).setDescription("the counter broke")).build());
          }
          IncrementRequest increment = command.getPayload().unpack(IncrementRequest.class);
          value += increment.getBy();
          reply.setClientAction(valueReply())
              .setStateAction(CrdtStateAction.newBuilder()
                  .setUpdate(CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment.getBy())))
                  .setWriteConsistency(CrdtWriteConsistency.forNumber(increment.getConsistencyValue())));
          out.add(CrdtStreamOut.newBuilder().setReply(reply).build());
          out.addAll(watchersTold());
        }
        case "Get" -> out.add(CrdtStreamOut.newBuilder().setReply(reply.setClientAction(valueReply())).build());
        case "Watch" -> {
          long until = command.getPayload().unpack(CounterRequest.class).getUntil();
          boolean done = until > 0 && value >= until;
          if (!done) {
            watches.put(command.getId(), until);
          }
          out.add(CrdtStreamOut.newBuilder().setReply(reply.setClientAction(valueReply()).setStreamed(!done)).build());
        }
        case "Delete" -> out.add(CrdtStreamOut.newBuilder().setReply(reply.setClientAction(valueReply())
            .setStateAction(CrdtStateAction.newBuilder().setDelete(CrdtDelete.getDefaultInstance()))).build());
        default -> out.add(CrdtStreamOut.newBuilder().setFailure(Failure.newBuilder()
            .setCommandId(command.getId()).setDescription("no such command: " + command.getName())).build());
      }
      return out;
    }

    /** A streamed message for every watch, ending those that reached their value. */
    private List<CrdtStreamOut> watchersTold() {
      List<CrdtStreamOut> out = new ArrayList<>();
      watches.entrySet().removeIf(watch -> {
        boolean done = watch.getValue() > 0 && value >= watch.getValue();
        out.add(CrdtStreamOut.newBuilder().setStreamedMessage(CrdtStreamedMessage.newBuilder()
            .setCommandId(watch.getKey())
            .setClientAction(valueReply())
            .setEndStream(done)).build());
        return done;
      });
      return out;
    }

    private ClientAction valueReply() {
      Any payload = Any.newBuilder().setTypeUrl(TYPE_URL)
          .setValue(CounterValue.newBuilder().setValue(value).build().toByteString()).build();
      return ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(payload)).build();
    }
  }
}
