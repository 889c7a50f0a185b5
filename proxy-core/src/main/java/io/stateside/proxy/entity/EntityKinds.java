package io.stateside.proxy.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The entity kinds one proxy serves, by protocol name. */
public final class EntityKinds {

  private final Map<String, EntityKind> byName;

  public EntityKinds(List<EntityKind> kinds) {
    this.byName = kinds.stream().collect(Collectors.toUnmodifiableMap(EntityKind::protocolName, Function.identity()));
  }

  public Optional<EntityKind> find(String protocolName) {
    return Optional.ofNullable(byName.get(protocolName));
  }

  /** Protocol names, sorted, as sent to the user function in {@code ProxyInfo.supported_entity_types}. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }
}
