package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The definition of a value entity type: the gRPC service it implements and how commands change
 * its state, a protobuf message the proxy stores whole after each change. Immutable; build one
 * with {@link #builder}.
 *
 * <pre>{@code
 * ValueEntity<Profile> profiles = ValueEntity
 *     .builder(UserProfileApi.getDescriptor().findServiceByName("UserProfileService"),
 *         "user-profile", Profile.getDefaultInstance())
 *     .onCommand("SetName", SetName.class, Empty.class, UserProfiles::setName)
 *     .onCommand("GetProfile", GetProfile.class, Profile.class, (profile, get, context) -> ValueEffect.reply(profile))
 *     .passivationTimeout(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * @param <S> the state type, a protobuf message
 */
public final class ValueEntity<S extends Message> extends EntityDefinition {

  private final MessageType<S> stateType;
  private final S initialState;
  private final Map<String, CommandRoute<S, ?, ValueEffect<?>>> commands;

  private ValueEntity(Builder<S> builder) {
    super(builder.service, builder.persistenceId, builder.passivationTimeout);
    this.stateType = builder.stateType;
    this.initialState = builder.initialState;
    this.commands = Map.copyOf(builder.commands);
  }

  /**
   * Starts the definition of a value entity type.
   *
   * @param service the gRPC service the entity implements, from the generated descriptor
   * @param persistenceId the name under which the entities' state is stored; changing it later
   *     makes existing entities start from their initial state
   * @param initialState the state of an entity that has nothing stored (never stored, or
   *     deleted), often {@code MyState.getDefaultInstance()}; its class is the state type
   * @param <S> the state type
   * @return a builder
   */
  public static <S extends Message> Builder<S> builder(ServiceDescriptor service, String persistenceId, S initialState) {
    return new Builder<>(service, persistenceId, initialState);
  }

  /** @return the state of an entity with nothing stored */
  public S initialState() {
    return initialState;
  }

  @Override
  EntityProtocol protocol() {
    return ValueEntityProtocol.INSTANCE;
  }

  MessageType<S> stateType() {
    return stateType;
  }

  CommandRoute<S, ?, ValueEffect<?>> commandRoute(String commandName) {
    CommandRoute<S, ?, ValueEffect<?>> route = commands.get(commandName);
    if (route == null) {
      throw new RejectedCommandException(serviceName() + " has no method " + commandName);
    }
    return route;
  }

  /** Parses the state the proxy sent. */
  S decodeState(Any stored) throws InvalidProtocolBufferException {
    if (!stateType.matches(stored)) {
      throw new IllegalArgumentException(
          "Expected a stored state of type " + stateType.fullName() + ", got " + stored.getTypeUrl());
    }
    return stateType.parse(stored);
  }

  /**
   * The state a handler chose, checked to be of the state type.
   *
   * @throws IllegalStateException if it is another message type
   */
  S requireState(Message chosen, String commandName) {
    if (!chosen.getDescriptorForType().getFullName().equals(stateType.fullName())) {
      throw new IllegalStateException("The handler of " + commandName + " updated the state with a "
          + chosen.getDescriptorForType().getFullName() + "; the state of " + serviceName() + " is a "
          + stateType.fullName());
    }
    return stateType.cast(chosen);
  }

  /**
   * Collects the parts of a {@link ValueEntity}; {@link #build} checks that they fit the service.
   *
   * @param <S> the state type
   */
  public static final class Builder<S extends Message> {

    private final ServiceDescriptor service;
    private final String persistenceId;
    private final S initialState;
    private final MessageType<S> stateType;
    private final Map<String, CommandRoute<S, ?, ValueEffect<?>>> commands = new HashMap<>();
    private Duration passivationTimeout;

    private Builder(ServiceDescriptor service, String persistenceId, S initialState) {
      this.service = Objects.requireNonNull(service, "service");
      EntityDefinition.requirePersistenceId(persistenceId);
      this.persistenceId = persistenceId;
      this.initialState = Objects.requireNonNull(initialState, "initialState");
      @SuppressWarnings("unchecked")
      Class<S> stateClass = (Class<S>) initialState.getClass();
      this.stateType = MessageType.of(stateClass);
    }

    /**
     * Handles the service method {@code methodName}. Every method of the service needs exactly one
     * handler.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's response class
     * @param handler decides what the command does
     * @param <C> the request type
     * @param <R> the response type
     * @return this builder
     * @throws IllegalArgumentException if the method does not exist, already has a handler, or
     *     takes or returns other types
     */
    public <C extends Message, R extends Message> Builder<S> onCommand(
        String methodName, Class<C> commandType, Class<R> replyType, ValueCommandHandler<S, C, R> handler) {
      Objects.requireNonNull(handler, "handler");
      CommandRoute<S, C, ValueEffect<?>> route =
          ServiceMethods.route(service, methodName, commandType, replyType, handler::handle);
      if (commands.putIfAbsent(methodName, route) != null) {
        throw new IllegalArgumentException(methodName + " already has a handler");
      }
      return this;
    }

    /**
     * Sets how long an entity may stay idle before the proxy stops it (its state is read from the
     * store on the next command). Without this, the proxy's default applies.
     *
     * @param timeout a positive duration of at least a millisecond
     * @return this builder
     */
    public Builder<S> passivationTimeout(Duration timeout) {
      this.passivationTimeout = EntityDefinition.requirePassivationTimeout(timeout);
      return this;
    }

    /**
     * Checks the definition and freezes it.
     *
     * @return the entity definition
     * @throws IllegalStateException if a service method has no handler
     */
    public ValueEntity<S> build() {
      ServiceMethods.requireAllHandled(service, commands.keySet());
      return new ValueEntity<>(this);
    }
  }
}
