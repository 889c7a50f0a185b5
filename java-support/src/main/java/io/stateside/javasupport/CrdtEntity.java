package io.stateside.javasupport;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The definition of a CRDT entity type: a gRPC service whose entities each hold one replicated
 * data type ({@link Crdt}). Every proxy node that receives calls for an entity keeps a replica of
 * it and merges updates from the others, so commands never wait for another node unless their
 * {@link WriteConsistency} says so. Immutable; build one with {@link #builder}.
 *
 * <pre>{@code
 * CrdtEntity likes = CrdtEntity.builder(LikesProto.getDescriptor().findServiceByName("LikesService"))
 *     .onCommand("Like", LikeRequest.class, Empty.class, (like, context) -> {
 *       context.getOrCreate(GCounter.class, GCounter::new).increment(1);
 *       return ActionEffect.reply(Empty.getDefaultInstance());
 *     })
 *     .onStreamedCommand("Watch", WatchRequest.class, LikeCount.class, Likes::watch)
 *     .build();
 * }</pre>
 */
public final class CrdtEntity extends EntityDefinition {

  /** One method: its route, and whether it is server-streaming. */
  record Method(CommandRoute<CrdtContext, ?, ActionEffect<?>> route, boolean streamed) {}

  private final Map<String, Method> methods;
  private final CrdtValues values;

  private CrdtEntity(Builder builder) {
    super(builder.service, builder.persistenceId, builder.passivationTimeout);
    this.methods = Map.copyOf(builder.methods);
    this.values = CrdtValues.of(builder.valueTypes);
  }

  /**
   * Starts the definition of a CRDT entity type.
   *
   * @param service the gRPC service the entity implements, from the generated descriptor
   * @return a builder
   */
  public static Builder builder(ServiceDescriptor service) {
    return new Builder(Objects.requireNonNull(service, "service"));
  }

  @Override
  EntityProtocol protocol() {
    return CrdtEntityProtocol.INSTANCE;
  }

  /** @throws RejectedCommandException if the service has no such method */
  Method method(String name) {
    Method method = methods.get(name);
    if (method == null) {
      throw new RejectedCommandException(serviceName() + " has no method " + name);
    }
    return method;
  }

  CrdtValues values() {
    return values;
  }

  /** Collects one handler per method of the service. */
  public static final class Builder {

    private final ServiceDescriptor service;
    private final Map<String, Method> methods = new HashMap<>();
    private final List<Class<? extends Message>> valueTypes = new ArrayList<>();
    private String persistenceId;
    private Duration passivationTimeout;

    private Builder(ServiceDescriptor service) {
      this.service = service;
      // As other support libraries name it when the user does not.
      this.persistenceId = service.getName();
    }

    /**
     * Handles a unary method.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's response class
     * @param handler changes the CRDT and decides the answer
     * @param <C> the request type
     * @param <R> the response type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such unary method with these types
     */
    public <C extends Message, R extends Message> Builder onCommand(
        String methodName, Class<C> commandType, Class<R> replyType, CrdtCommandHandler<C, R> handler) {
      Objects.requireNonNull(handler, "handler");
      return on(methodName, commandType, replyType, false, (context, command, facts) -> handler.handle(command, context));
    }

    /**
     * Handles a server-streaming method: one request, then messages as the CRDT changes.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the class of the messages streamed back
     * @param handler changes the CRDT, decides the first message and registers the stream's callbacks
     * @param <C> the request type
     * @param <R> the streamed message type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such server-streaming method with these types
     */
    @SuppressWarnings("unchecked")
    public <C extends Message, R extends Message> Builder onStreamedCommand(
        String methodName, Class<C> commandType, Class<R> replyType, CrdtStreamedCommandHandler<C, R> handler) {
      Objects.requireNonNull(handler, "handler");
      return on(methodName, commandType, replyType, true,
          (context, command, facts) -> handler.handle(command, (CrdtStreamedContext<R>) context));
    }

    private <C extends Message> Builder on(String methodName, Class<C> commandType, Class<? extends Message> replyType,
        boolean streamed, CommandRoute.Decider<CrdtContext, C, ActionEffect<?>> decider) {
      CommandRoute<CrdtContext, C, ActionEffect<?>> route =
          ServiceMethods.route(service, methodName, commandType, replyType, decider);
      MethodDescriptor method = service.findMethodByName(methodName);
      if (method.isClientStreaming() || method.isServerStreaming() != streamed) {
        throw new IllegalArgumentException(methodName + " is " + shape(method) + "; a CRDT entity handles unary "
            + "methods with onCommand and server-streaming ones with onStreamedCommand");
      }
      if (methods.putIfAbsent(methodName, new Method(route, streamed)) != null) {
        throw new IllegalArgumentException(methodName + " already has a handler");
      }
      return this;
    }

    private static String shape(MethodDescriptor method) {
      if (method.isClientStreaming()) {
        return method.isServerStreaming() ? "bidirectional" : "client-streaming";
      }
      return method.isServerStreaming() ? "server-streaming" : "unary";
    }

    /**
     * Registers a protobuf message type used as a set element, map key or register value, so the
     * values the proxy sends are read back as that class. Elements, keys and values may also be a
     * {@code String}, {@code ByteString}, {@code Integer}, {@code Long}, {@code Float},
     * {@code Double} or {@code Boolean}, sent as Cloudstate primitives ({@code p.cloudstate.io/string}
     * and so on) and needing no registration. A message of a type not registered reads back as
     * a {@code com.google.protobuf.Any}.
     *
     * @param type the message class
     * @return this builder
     */
    public Builder valueType(Class<? extends Message> type) {
      valueTypes.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /**
     * Names the entity type at discovery (by default the service's simple name). The proxy keys
     * the replicated data by it, so changing it makes existing entities start empty.
     *
     * @param persistenceId a non-blank name
     * @return this builder
     */
    public Builder persistenceId(String persistenceId) {
      EntityDefinition.requirePersistenceId(persistenceId);
      this.persistenceId = persistenceId;
      return this;
    }

    /**
     * Sets how long an entity may stay idle before the proxy stops it on a node (never while a
     * streamed call is open). Without this, the proxy's default applies.
     *
     * @param timeout a positive duration of at least a millisecond
     * @return this builder
     */
    public Builder passivationTimeout(Duration timeout) {
      this.passivationTimeout = EntityDefinition.requirePassivationTimeout(timeout);
      return this;
    }

    /**
     * @return the entity definition
     * @throws IllegalStateException if a method of the service has no handler
     */
    public CrdtEntity build() {
      ServiceMethods.requireAllHandled(service, methods.keySet());
      return new CrdtEntity(this);
    }
  }
}
