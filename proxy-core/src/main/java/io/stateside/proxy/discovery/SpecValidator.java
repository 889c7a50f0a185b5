package io.stateside.proxy.discovery;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntitySpec;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.EntityKinds;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.eventing.EventingSpec;
import io.stateside.proxy.frontend.http.HttpRules;
import io.stateside.proxy.routing.EntityKeyExtractor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a user function's spec before anything is served: all of it is usable, or the
 * proxy refuses it with every problem named, rather than serving half of it.
 */
public final class SpecValidator {

  private final EntityKinds kinds;
  private final Duration defaultPassivationTimeout;
  private final boolean topicsAvailable;

  /** {@code topicsAvailable}: whether a message broker is configured for eventing's topics. */
  public SpecValidator(EntityKinds kinds, Duration defaultPassivationTimeout, boolean topicsAvailable) {
    this.kinds = kinds;
    this.defaultPassivationTimeout = defaultPassivationTimeout;
    this.topicsAvailable = topicsAvailable;
  }

  /** The accepted entities, or every problem found. */
  public sealed interface Outcome {}

  public record Accepted(List<UserEntity> entities) implements Outcome {}

  public record Refused(List<String> problems) implements Outcome {}

  public Outcome validate(EntitySpec spec) {
    Optional<String> version = ProtocolVersion.incompatibility(spec.getServiceInfo());
    if (version.isPresent()) {
      return new Refused(List.of(version.get()));
    }
    Map<String, FileDescriptor> files;
    try {
      files = DescriptorResolver.resolve(spec.getProto());
    } catch (DiscoveryProblem e) {
      return new Refused(List.of(e.getMessage()));
    }
    if (spec.getEntitiesCount() == 0) {
      return new Refused(List.of("the user function declares no entities, so there is nothing to serve"));
    }
    List<String> problems = new ArrayList<>();
    List<UserEntity> accepted = new ArrayList<>();
    Set<String> seenServices = new HashSet<>();
    for (Entity entity : spec.getEntitiesList()) {
      String where = "service " + entity.getServiceName() + ": ";
      if (!seenServices.add(entity.getServiceName())) {
        problems.add(where + "declared more than once");
        continue;
      }
      Optional<EntityKind> kind = kinds.find(entity.getEntityType());
      if (kind.isEmpty()) {
        problems.add(where + "unknown entity type '" + entity.getEntityType()
            + "'; this proxy supports " + String.join(", ", kinds.names()));
        continue;
      }
      Optional<ServiceDescriptor> service = findService(files, entity.getServiceName());
      if (service.isEmpty()) {
        problems.add(where + "not found in the descriptor set");
        continue;
      }
      List<String> entityProblems = new ArrayList<>(kind.get().validate(entity, service.get()));
      if (kind.get().rules().keyed()) {
        entityProblems.addAll(keyProblems(service.get()));
      }
      entityProblems.forEach(p -> problems.add(where + p));
      if (entityProblems.isEmpty()) {
        accepted.add(new UserEntity(kind.get(), service.get(), entity.getPersistenceId(), passivationTimeout(entity)));
      }
    }
    problems.addAll(HttpRules.of(accepted.stream().map(UserEntity::service).toList()).problems());
    problems.addAll(EventingSpec.of(accepted, topicsAvailable).problems());
    if (problems.isEmpty()) {
      return new Accepted(List.copyOf(accepted));
    }
    return new Refused(List.copyOf(problems));
  }

  private static List<String> keyProblems(ServiceDescriptor service) {
    List<String> problems = new ArrayList<>();
    for (MethodDescriptor method : service.getMethods()) {
      try {
        EntityKeyExtractor.forMessage(method.getInputType());
      } catch (IllegalArgumentException e) {
        problems.add("method " + method.getName() + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private Duration passivationTimeout(Entity entity) {
    long millis = entity.getPassivationStrategy().getTimeout().getTimeout();
    return millis > 0 ? Duration.ofMillis(millis) : defaultPassivationTimeout;
  }

  private static Optional<ServiceDescriptor> findService(Map<String, FileDescriptor> files, String fullName) {
    return files.values().stream()
        .flatMap(f -> f.getServices().stream())
        .filter(s -> s.getFullName().equals(fullName))
        .findFirst();
  }
}
