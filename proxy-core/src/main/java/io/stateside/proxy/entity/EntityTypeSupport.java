package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.List;

/**
 * What the proxy needs from one entity type (event sourced, value, CRDT, ...). A new entity
 * type is a new implementation of this interface, registered in {@link EntityTypes}.
 */
public interface EntityTypeSupport {

  /** The protocol's full gRPC service name, as user functions name it in {@code Entity.entity_type}. */
  String entityType();

  /** Problems that make the user's service unusable with this entity type; empty when fine. */
  List<String> validate(ServiceDescriptor service);

  /** Starts whatever serves the entity type (sharded actors, ...) and returns its entry point. */
  EntityGateway start(UserEntity entity, EntityContext context);
}
