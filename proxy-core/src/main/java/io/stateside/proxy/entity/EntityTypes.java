package io.stateside.proxy.entity;

import io.stateside.proxy.eventsourced.EventSourcedSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The entity types this proxy supports. */
public final class EntityTypes {

  private final Map<String, EntityTypeSupport> byType;

  public EntityTypes(List<EntityTypeSupport> supports) {
    this.byType =
        supports.stream().collect(Collectors.toUnmodifiableMap(EntityTypeSupport::entityType, Function.identity()));
  }

  public static EntityTypes standard() {
    return new EntityTypes(List.of(new EventSourcedSupport()));
  }

  public Optional<EntityTypeSupport> find(String entityType) {
    return Optional.ofNullable(byType.get(entityType));
  }

  /** Protocol service names, sorted, as sent to the user function in {@code ProxyInfo}. */
  public List<String> names() {
    return byType.keySet().stream().sorted().toList();
  }
}
