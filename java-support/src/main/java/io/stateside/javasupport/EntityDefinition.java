package io.stateside.javasupport;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity type a user function serves, of any kind: what every kind has in common (the gRPC
 * service it implements, its persistence id, its passivation timeout) plus the protocol its kind
 * is served with. Register any of them with {@link UserFunction.Builder#register}.
 *
 * <p>The kinds are those of the Cloudstate protocol, so the set is closed: {@link EventSourcedEntity},
 * {@link ValueEntity}, {@link CrdtEntity} and the stateless {@link Action} (whose persistence id is empty).
 */
public abstract sealed class EntityDefinition permits EventSourcedEntity, ValueEntity, CrdtEntity, Action {

  private final ServiceDescriptor service;
  private final String persistenceId;
  private final Optional<Duration> passivationTimeout;

  EntityDefinition(ServiceDescriptor service, String persistenceId, Duration passivationTimeout) {
    this.service = Objects.requireNonNull(service, "service");
    this.persistenceId = Objects.requireNonNull(persistenceId, "persistenceId");
    this.passivationTimeout = Optional.ofNullable(passivationTimeout);
  }

  /** @return the full name of the gRPC service, for example {@code shop.ShoppingCartService} */
  public final String serviceName() {
    return service.getFullName();
  }

  /** @return the service's descriptor */
  public final ServiceDescriptor service() {
    return service;
  }

  /** @return the name under which the entities' state is stored */
  public final String persistenceId() {
    return persistenceId;
  }

  /** @return how long an idle entity stays active; empty means the proxy's default */
  public final Optional<Duration> passivationTimeout() {
    return passivationTimeout;
  }

  /** @return the protocol's entity type, for example {@code cloudstate.valueentity.ValueEntity} */
  public final String entityType() {
    return protocol().entityType();
  }

  /** @return what the proxy learns about this entity type at discovery */
  public final Entity discoveryEntry() {
    Entity.Builder entry = Entity.newBuilder()
        .setEntityType(entityType())
        .setServiceName(serviceName())
        .setPersistenceId(persistenceId);
    passivationTimeout.ifPresent(timeout -> entry.setPassivationStrategy(EntityPassivationStrategy.newBuilder()
        .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(timeout.toMillis()))));
    return entry.build();
  }

  /** The protocol this kind of entity is served with; one instance per kind. */
  abstract EntityProtocol protocol();

  /** Common checks of the builders' arguments. */
  static void requirePersistenceId(String persistenceId) {
    if (Objects.requireNonNull(persistenceId, "persistenceId").isBlank()) {
      throw new IllegalArgumentException("persistenceId must not be blank");
    }
  }

  static Duration requirePassivationTimeout(Duration timeout) {
    if (timeout.toMillis() <= 0) {
      throw new IllegalArgumentException("passivationTimeout must be at least 1 ms, was " + timeout);
    }
    return timeout;
  }
}
