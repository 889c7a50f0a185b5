package io.stateside.proxy.testing;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.example.counter.CounterProto;
import io.stateside.example.counter.CounterService;
import io.stateside.example.counter.CounterState;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.Increased;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.Reply;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.UserFunctionError;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedHandlerFactory;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
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
import java.util.function.UnaryOperator;

/**
 * A user function for tests, written straight against the protocol with the generated
 * akka-grpc server stubs: an event-sourced counter ({@code stateside.example.counter}) served
 * on a free loopback port. It records every message the proxy sends, and a test can replace
 * how it answers commands.
 */
public final class CounterUserFunction implements EntityDiscovery, EventSourced, AutoCloseable {

  public static final String SERVICE = CounterService.name;
  public static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  /** How the counter is declared at discovery. */
  public record Options(String persistenceId, int snapshotEvery, Optional<Duration> passivationTimeout,
                        UnaryOperator<EntitySpec> specEditor) {
    public static Options defaults() {
      return new Options("counter", 0, Optional.empty(), UnaryOperator.identity());
    }

    public Options withSnapshotEvery(int n) {
      return new Options(persistenceId, n, passivationTimeout, specEditor);
    }

    public Options withPassivationTimeout(Duration timeout) {
      return new Options(persistenceId, snapshotEvery, Optional.of(timeout), specEditor);
    }

    public Options withSpec(UnaryOperator<EntitySpec> editor) {
      return new Options(persistenceId, snapshotEvery, passivationTimeout, editor);
    }
  }

  /** One command as the counter sees it. */
  public record CommandContext(String entityId, Command command, long value, long sequence) {
    public long id() {
      return command.getId();
    }
  }

  /**
   * Overrides the counter's answer to a command: return a message to send, empty to answer
   * as a counter would; throw to break the stream.
   */
  public interface Behavior {
    Optional<EventSourcedStreamOut> answer(CommandContext context);

    /** Sends nothing at all for this command. */
    EventSourcedStreamOut SILENCE = EventSourcedStreamOut.getDefaultInstance();
  }

  private final Options options;
  private final ServerBinding binding;
  private final Map<String, List<EventSourcedStreamIn>> received = new ConcurrentHashMap<>();
  private final Map<String, Integer> streamsOpened = new ConcurrentHashMap<>();
  private final Map<String, Integer> streamsClosed = new ConcurrentHashMap<>();
  private final List<String> reportedErrors = new CopyOnWriteArrayList<>();
  private volatile Behavior behavior = context -> Optional.empty();

  private CounterUserFunction(Options options, ActorSystem system, int port) {
    this.options = options;
    this.binding = Http.get(system).newServerAt("127.0.0.1", port)
        .bind(ServiceHandler.concatOrNotFound(
            EntityDiscoveryHandlerFactory.partial(this, EntityDiscovery.name, system),
            EventSourcedHandlerFactory.partial(this, EventSourced.name, system)))
        .toCompletableFuture().join();
  }

  public static CounterUserFunction start(ActorSystem system) {
    return start(system, Options.defaults());
  }

  public static CounterUserFunction start(ActorSystem system, Options options) {
    return new CounterUserFunction(options, system, 0);
  }

  /** On a given port, for a proxy that was told where to look before the user function was up. */
  public static CounterUserFunction startOn(ActorSystem system, int port) {
    return new CounterUserFunction(Options.defaults(), system, port);
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public void behave(Behavior behavior) {
    this.behavior = behavior;
  }

  /** Everything the proxy sent for the entity, over all its streams, in order. */
  public List<EventSourcedStreamIn> received(String entityId) {
    return List.copyOf(received.getOrDefault(entityId, List.of()));
  }

  /** The messages of the entity's latest stream only. */
  public List<EventSourcedStreamIn> receivedOnLastStream(String entityId) {
    List<EventSourcedStreamIn> all = received(entityId);
    int lastInit = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).hasInit()) {
        lastInit = i;
      }
    }
    return all.subList(lastInit, all.size());
  }

  public int streamsOpened(String entityId) {
    return streamsOpened.getOrDefault(entityId, 0);
  }

  public int streamsClosed(String entityId) {
    return streamsClosed.getOrDefault(entityId, 0);
  }

  /** Entity ids this user function has had a stream for. */
  public java.util.Set<String> entityIds() {
    return java.util.Set.copyOf(streamsOpened.keySet());
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
    Entity.Builder entity = Entity.newBuilder()
        .setEntityType(EventSourced.name)
        .setServiceName(SERVICE)
        .setPersistenceId(options.persistenceId());
    options.passivationTimeout().ifPresent(timeout -> entity.setPassivationStrategy(
        EntityPassivationStrategy.newBuilder().setTimeout(
            TimeoutPassivationStrategy.newBuilder().setTimeout(timeout.toMillis()))));
    EntitySpec spec = EntitySpec.newBuilder()
        .setProto(descriptorSet(CounterProto.getDescriptor()).toByteString())
        .addEntities(entity)
        .setServiceInfo(ServiceInfo.newBuilder()
            .setServiceName("counter")
            .setSupportLibraryName("stateside-test")
            .setProtocolMajorVersion(0)
            .setProtocolMinorVersion(2))
        .build();
    return CompletableFuture.completedFuture(options.specEditor().apply(spec));
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError in) {
    reportedErrors.add(in.getMessage());
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> in) {
    CounterStream stream = new CounterStream();
    return in.mapConcat(stream::onMessage).watchTermination((mat, done) -> {
      done.whenComplete((d, e) -> {
        if (stream.entityId != null) {
          streamsClosed.merge(stream.entityId, 1, Integer::sum);
        }
      });
      return mat;
    });
  }

  /** The counter behind one stream. */
  private final class CounterStream {
    String entityId;
    long value;
    long sequence;

    List<EventSourcedStreamOut> onMessage(EventSourcedStreamIn message) throws InvalidProtocolBufferException {
      switch (message.getMessageCase()) {
        case INIT -> {
          entityId = message.getInit().getEntityId();
          streamsOpened.merge(entityId, 1, Integer::sum);
          if (message.getInit().hasSnapshot()) {
            value = message.getInit().getSnapshot().getSnapshot().unpack(CounterState.class).getValue();
            sequence = message.getInit().getSnapshot().getSnapshotSequence();
          }
        }
        case EVENT -> {
          value += message.getEvent().getPayload().unpack(Increased.class).getBy();
          sequence = message.getEvent().getSequence();
        }
        default -> {}
      }
      received.computeIfAbsent(entityId, id -> new CopyOnWriteArrayList<>()).add(message);
      if (!message.hasCommand()) {
        return List.of();
      }
      Command command = message.getCommand();
      Optional<EventSourcedStreamOut> custom = behavior.answer(new CommandContext(entityId, command, value, sequence));
      if (custom.isPresent()) {
        if (custom.get() == Behavior.SILENCE) {
          return List.of();
        }
        custom.filter(EventSourcedStreamOut::hasReply).ifPresent(out -> apply(out.getReply()));
        return List.of(custom.get());
      }
      return List.of(answerAsCounter(command));
    }

    private EventSourcedStreamOut answerAsCounter(Command command) throws InvalidProtocolBufferException {
      EventSourcedReply.Builder reply = EventSourcedReply.newBuilder().setCommandId(command.getId());
      if (command.getName().equals("Increase")) {
        IncreaseRequest request = IncreaseRequest.parseFrom(command.getPayload().getValue());
        reply.addEvents(pack(Increased.newBuilder().setBy(request.getBy()).build()));
        EventSourcedReply built = reply.build();
        apply(built);
        if (options.snapshotEvery() > 0 && sequence % options.snapshotEvery() == 0) {
          reply.setSnapshot(pack(CounterState.newBuilder().setValue(value).build()));
        }
      }
      reply.setClientAction(ClientAction.newBuilder().setReply(
          Reply.newBuilder().setPayload(pack(CounterValue.newBuilder().setValue(value).build()))));
      return EventSourcedStreamOut.newBuilder().setReply(reply).build();
    }

    private void apply(EventSourcedReply reply) {
      if (reply.getClientAction().hasFailure()) {
        return;
      }
      for (Any event : reply.getEventsList()) {
        try {
          value += event.unpack(Increased.class).getBy();
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException(e);
        }
        sequence++;
      }
    }
  }

  public static Any pack(Message message) {
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL_PREFIX + message.getDescriptorForType().getFullName())
        .setValue(message.toByteString())
        .build();
  }

  /** The file and every file it imports, as discovery expects. */
  public static FileDescriptorSet descriptorSet(FileDescriptor file) {
    Map<String, FileDescriptor> files = new LinkedHashMap<>();
    collect(file, files);
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    new ArrayList<>(files.values()).forEach(f -> set.addFile(f.toProto()));
    return set.build();
  }

  private static void collect(FileDescriptor file, Map<String, FileDescriptor> files) {
    for (FileDescriptor dependency : file.getDependencies()) {
      collect(dependency, files);
    }
    files.putIfAbsent(file.getName(), file);
  }
}
