package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.Entity;
import java.util.List;

/**
 * One kind of entity the proxy serves (event sourced, value, ...), plugged in whole: how its
 * services are checked at discovery, and how its entities are started. A new kind is a new
 * implementation of this interface, listed where the proxy assembles its {@link EntityKinds};
 * docs/new-entity-kind.md walks through one.
 */
public interface EntityKind {

  /** The protocol's gRPC service name, as user functions give it in {@code Entity.entity_type}. */
  String protocolName();

  /** Plural, for messages: "event-sourced entities". */
  String displayName();

  KindRules rules();

  /**
   * Every problem that makes the declared service unusable with this kind; empty when fine. The
   * default checks the kind's {@link #rules()}; a kind with more to check adds to it.
   */
  default List<String> validate(Entity declared, ServiceDescriptor service) {
    return rules().check(declared, service, displayName());
  }

  /** Starts whatever serves the service (sharded actors, ...) and returns its entry point. */
  EntityGateway start(UserEntity entity, EntityContext context);
}
