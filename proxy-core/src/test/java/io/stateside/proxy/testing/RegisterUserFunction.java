package io.stateside.proxy.testing;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.javadsl.Source;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.example.register.AppendRequest;
import io.stateside.example.register.RegisterProto;
import io.stateside.example.register.RegisterService;
import io.stateside.example.register.RegisterValue;
import io.stateside.example.register.SetRequest;
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
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityAction;
import io.stateside.protocol.valueentity.ValueEntityDelete;
import io.stateside.protocol.valueentity.ValueEntityHandlerFactory;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.protocol.valueentity.ValueEntityUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A value-entity user function for tests, written straight against the protocol: the register of
 * {@code stateside.example.register}, served on a free loopback port. It records every message
 * the proxy sends, and a test can take over how it answers commands.
 */
public final class RegisterUserFunction implements EntityDiscovery, ValueEntity, AutoCloseable {

  public static final String SERVICE = RegisterService.name;
  public static final String PERSISTENCE_ID = "register";

  /** Answers a command in place of the register; empty leaves it to the register. */
  public interface Behavior extends Function<Command, Optional<ValueEntityStreamOut>> {}

  private final Optional<Duration> passivationTimeout;
  private final Map<String, List<ValueEntityStreamIn>> received = new ConcurrentHashMap<>();
  private final Map<String, Integer> streamsEnded = new ConcurrentHashMap<>();
  private volatile ProxyInfo proxyInfo;
  private volatile Behavior behavior = command -> Optional.empty();
  private ServerBinding binding;

  private RegisterUserFunction(Optional<Duration> passivationTimeout) {
    this.passivationTimeout = passivationTimeout;
  }

  public static RegisterUserFunction start(ActorSystem system, Optional<Duration> passivationTimeout) {
    RegisterUserFunction userFunction = new RegisterUserFunction(passivationTimeout);
    userFunction.binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(ServiceHandler.concatOrNotFound(
            EntityDiscoveryHandlerFactory.partial(userFunction, EntityDiscovery.name, system),
            ValueEntityHandlerFactory.partial(userFunction, ValueEntity.name, system)))
        .toCompletableFuture().join();
    return userFunction;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public void behave(Behavior behavior) {
    this.behavior = behavior;
  }

  /** How many of the entity's streams have ended (on passivation, for one). */
  public int streamsEnded(String entityId) {
    return streamsEnded.getOrDefault(entityId, 0);
  }

  /** What the proxy said of itself at discovery. */
  public ProxyInfo proxyInfo() {
    return proxyInfo;
  }

  /** Every message the proxy sent on the entity's streams, in order. */
  public List<ValueEntityStreamIn> received(String entityId) {
    return List.copyOf(received.getOrDefault(entityId, List.of()));
  }

  /** The init messages of the entity's streams, one per incarnation. */
  public List<ValueEntityStreamIn> inits(String entityId) {
    return received(entityId).stream().filter(ValueEntityStreamIn::hasInit).toList();
  }

  @Override
  public void close() {
    binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().join();
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo in) {
    proxyInfo = in;
    Entity.Builder entity = Entity.newBuilder()
        .setEntityType(ValueEntity.name)
        .setServiceName(SERVICE)
        .setPersistenceId(PERSISTENCE_ID);
    passivationTimeout.ifPresent(timeout -> entity.setPassivationStrategy(EntityPassivationStrategy.newBuilder()
        .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(timeout.toMillis()))));
    return CompletableFuture.completedFuture(EntitySpec.newBuilder()
        .setProto(CounterUserFunction.descriptorSet(RegisterProto.getDescriptor()).toByteString())
        .addEntities(entity)
        .setServiceInfo(ServiceInfo.newBuilder()
            .setServiceName("register")
            .setSupportLibraryName("stateside-test")
            .setProtocolMajorVersion(0)
            .setProtocolMinorVersion(2))
        .build());
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError in) {
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }

  @Override
  public Source<ValueEntityStreamOut, NotUsed> handle(Source<ValueEntityStreamIn, NotUsed> in) {
    Register register = new Register();
    return in.mapConcat(register::onMessage).watchTermination((mat, done) -> {
      done.whenComplete((ok, error) -> {
        if (register.entityId != null) {
          streamsEnded.merge(register.entityId, 1, Integer::sum);
        }
      });
      return mat;
    });
  }

  /** The register behind one stream. */
  private final class Register {
    String entityId;
    RegisterValue state = RegisterValue.getDefaultInstance();

    List<ValueEntityStreamOut> onMessage(ValueEntityStreamIn message) throws InvalidProtocolBufferException {
      if (message.hasInit()) {
        entityId = message.getInit().getEntityId();
        if (message.getInit().getState().hasValue()) {
          state = message.getInit().getState().getValue().unpack(RegisterValue.class);
        }
      }
      received.computeIfAbsent(entityId, id -> new CopyOnWriteArrayList<>()).add(message);
      if (!message.hasCommand()) {
        return List.of();
      }
      Optional<ValueEntityStreamOut> custom = behavior.apply(message.getCommand());
      return List.of(custom.isPresent() ? custom.get() : answer(message.getCommand()));
    }

    private ValueEntityStreamOut answer(Command command) throws InvalidProtocolBufferException {
      ValueEntityReply.Builder reply = ValueEntityReply.newBuilder().setCommandId(command.getId());
      switch (command.getName()) {
        case "Set" -> {
          state = RegisterValue.newBuilder()
              .setValue(SetRequest.parseFrom(command.getPayload().getValue()).getValue())
              .setChanges(state.getChanges() + 1)
              .build();
          reply.setStateAction(update(state));
        }
        case "Append" -> {
          state = RegisterValue.newBuilder()
              .setValue(state.getValue() + AppendRequest.parseFrom(command.getPayload().getValue()).getText())
              .setChanges(state.getChanges() + 1)
              .build();
          reply.setStateAction(update(state));
        }
        case "Clear" -> {
          state = RegisterValue.getDefaultInstance();
          reply.setStateAction(ValueEntityAction.newBuilder().setDelete(ValueEntityDelete.getDefaultInstance()));
        }
        default -> {}
      }
      reply.setClientAction(ClientAction.newBuilder()
          .setReply(Reply.newBuilder().setPayload(CounterUserFunction.pack(state))));
      return ValueEntityStreamOut.newBuilder().setReply(reply).build();
    }
  }

  public static ValueEntityAction update(RegisterValue value) {
    return ValueEntityAction.newBuilder()
        .setUpdate(ValueEntityUpdate.newBuilder().setValue(CounterUserFunction.pack(value)))
        .build();
  }
}
