package io.stateside.javasupport;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The definition of an event-sourced entity type: the gRPC service it implements, how commands
 * are decided and how events change its state. Immutable; build one with {@link #builder}.
 *
 * <pre>{@code
 * EventSourcedEntity<CartState> carts = EventSourcedEntity
 *     .builder(ShoppingCartApi.getDescriptor().findServiceByName("ShoppingCartService"),
 *         "shopping-cart", CartState.EMPTY)
 *     .onCommand("AddItem", AddLineItem.class, Empty.class, ShoppingCartEntity::addItem)
 *     .onCommand("RemoveItem", RemoveLineItem.class, Empty.class, ShoppingCartEntity::removeItem)
 *     .onCommand("GetCart", GetShoppingCart.class, Cart.class, ShoppingCartEntity::getCart)
 *     .onEvent(ItemAdded.class, (cart, added) -> cart.withAdded(added.getItem()))
 *     .onEvent(ItemRemoved.class, (cart, removed) -> cart.withRemoved(removed.getProductId()))
 *     .snapshot(CartSnapshot.class, CartState::toSnapshot, CartState::fromSnapshot)
 *     .snapshotEvery(20)
 *     .passivationTimeout(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * <p>The state type {@code S} must be immutable: the library keeps the old state when a command
 * fails, which is only safe if no handler mutates it.
 *
 * @param <S> the state type
 */
public final class EventSourcedEntity<S> extends EntityDefinition {

  private final S initialState;
  private final Map<String, CommandRoute<S, ?, Effect<?>>> commands;
  private final Map<String, EventRoute<S, ?>> events;
  private final Optional<SnapshotCodec<S, ?>> snapshotCodec;
  private final int snapshotEvery;

  private EventSourcedEntity(Builder<S> builder) {
    super(builder.service, builder.persistenceId, builder.passivationTimeout);
    this.initialState = builder.initialState;
    this.commands = Map.copyOf(builder.commands);
    this.events = Map.copyOf(builder.events);
    this.snapshotCodec = Optional.ofNullable(builder.snapshotCodec);
    this.snapshotEvery = builder.snapshotEvery;
  }

  /**
   * Starts the definition of an entity type.
   *
   * @param service the gRPC service the entity implements, from the generated descriptor, for
   *     example {@code CartProto.getDescriptor().findServiceByName("ShoppingCartService")}
   * @param persistenceId the name under which the entities' events are stored; changing it later
   *     makes existing entities start empty
   * @param initialState the state of an entity that has no events yet
   * @param <S> the state type
   * @return a builder
   */
  public static <S> Builder<S> builder(ServiceDescriptor service, String persistenceId, S initialState) {
    return new Builder<>(service, persistenceId, initialState);
  }

  /** @return a snapshot is stored each time this many events have been stored; 0 means never */
  public int snapshotEvery() {
    return snapshotEvery;
  }

  @Override
  EntityProtocol protocol() {
    return EventSourcedProtocol.INSTANCE;
  }

  S initialState() {
    return initialState;
  }

  CommandRoute<S, ?, Effect<?>> commandRoute(String commandName) {
    CommandRoute<S, ?, Effect<?>> route = commands.get(commandName);
    if (route == null) {
      throw new RejectedCommandException(serviceName() + " has no method " + commandName);
    }
    return route;
  }

  /**
   * Folds events, emitted by a command or stored in the journal, into a state.
   *
   * @throws IllegalArgumentException if an event's type has no handler or an event cannot be read
   */
  S applyEvents(S state, List<? extends Message> events) {
    S current = state;
    for (Message event : events) {
      current = eventRoute(EventRoute.keyOf(event)).apply(current, event);
    }
    return current;
  }

  Optional<SnapshotCodec<S, ?>> snapshotCodec() {
    return snapshotCodec;
  }

  private EventRoute<S, ?> eventRoute(String eventName) {
    EventRoute<S, ?> route = events.get(eventName);
    if (route == null) {
      throw new IllegalArgumentException(
          "No event handler for " + eventName + " in entity " + serviceName()
              + "; register one with onEvent");
    }
    return route;
  }

  /**
   * Collects the parts of an {@link EventSourcedEntity}; {@link #build} checks that they fit the
   * service.
   *
   * @param <S> the state type
   */
  public static final class Builder<S> {

    private final ServiceDescriptor service;
    private final String persistenceId;
    private final S initialState;
    private final Map<String, CommandRoute<S, ?, Effect<?>>> commands = new HashMap<>();
    private final Map<String, EventRoute<S, ?>> events = new HashMap<>();
    private SnapshotCodec<S, ?> snapshotCodec;
    private int snapshotEvery;
    private Duration passivationTimeout;

    private Builder(ServiceDescriptor service, String persistenceId, S initialState) {
      this.service = Objects.requireNonNull(service, "service");
      EntityDefinition.requirePersistenceId(persistenceId);
      this.persistenceId = persistenceId;
      this.initialState = Objects.requireNonNull(initialState, "initialState");
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
        String methodName, Class<C> commandType, Class<R> replyType, CommandHandler<S, C, R> handler) {
      Objects.requireNonNull(handler, "handler");
      CommandRoute<S, C, Effect<?>> route =
          ServiceMethods.route(service, methodName, commandType, replyType, handler::handle);
      if (commands.putIfAbsent(methodName, route) != null) {
        throw new IllegalArgumentException(methodName + " already has a handler");
      }
      return this;
    }

    /**
     * Folds events of type {@code eventType} into the state. Each type a command handler emits
     * needs exactly one handler.
     *
     * @param eventType the event's class
     * @param handler returns the state after the event
     * @param <E> the event type
     * @return this builder
     * @throws IllegalArgumentException if the type already has a handler
     */
    public <E extends Message> Builder<S> onEvent(Class<E> eventType, EventHandler<S, E> handler) {
      return on(EventRoute.protobuf(MessageType.of(eventType), Objects.requireNonNull(handler, "handler")));
    }

    /**
     * Folds events stored as JSON ({@code json.cloudstate.io/<name>}) into the state. A command
     * emits one as {@code Effect.emit(type.encode(value))}.
     *
     * @param eventType the event's JSON type
     * @param handler returns the state after the event
     * @param <E> the event's Java type
     * @return this builder
     * @throws IllegalArgumentException if the type already has a handler
     */
    public <E> Builder<S> onEvent(JsonType<E> eventType, EventHandler<S, E> handler) {
      return on(EventRoute.json(Objects.requireNonNull(eventType, "eventType"), Objects.requireNonNull(handler, "handler")));
    }

    private Builder<S> on(EventRoute<S, ?> route) {
      if (events.putIfAbsent(route.key(), route) != null) {
        throw new IllegalArgumentException(route.key() + " already has an event handler");
      }
      return this;
    }

    /**
     * Lets the entity be snapshotted: how to turn the state into a snapshot message and back.
     * Use together with {@link #snapshotEvery}.
     *
     * @param snapshotType the snapshot message class
     * @param toSnapshot makes a snapshot of a state
     * @param fromSnapshot restores the state a snapshot was made of
     * @param <P> the snapshot type
     * @return this builder
     */
    public <P extends Message> Builder<S> snapshot(
        Class<P> snapshotType,
        Function<? super S, ? extends P> toSnapshot,
        Function<? super P, ? extends S> fromSnapshot) {
      this.snapshotCodec = new SnapshotCodec<>(
          MessageType.of(snapshotType),
          Objects.requireNonNull(toSnapshot, "toSnapshot"),
          Objects.requireNonNull(fromSnapshot, "fromSnapshot"));
      return this;
    }

    /**
     * Stores a snapshot each time the entity's event count passes a multiple of {@code events},
     * so recovery replays at most about that many events. Needs {@link #snapshot}.
     *
     * @param events a positive number of events
     * @return this builder
     */
    public Builder<S> snapshotEvery(int events) {
      if (events <= 0) {
        throw new IllegalArgumentException("snapshotEvery must be positive, was " + events);
      }
      this.snapshotEvery = events;
      return this;
    }

    /**
     * Sets how long an entity may stay idle before the proxy stops it (its state is recovered
     * from the journal on the next command). Without this, the proxy's default applies.
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
     * @throws IllegalStateException if a service method has no handler, or snapshots are only
     *     half configured
     */
    public EventSourcedEntity<S> build() {
      ServiceMethods.requireAllHandled(service, commands.keySet());
      if ((snapshotCodec == null) != (snapshotEvery == 0)) {
        throw new IllegalStateException("Snapshots need both snapshot(...) and snapshotEvery(...)");
      }
      return new EventSourcedEntity<>(this);
    }
  }
}
