package io.stateside.javasupport;

import com.google.protobuf.Empty;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.UserFunctionError;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code cloudstate.EntityDiscovery}: tells the proxy what this user function offers. */
final class DiscoveryEndpoint implements EntityDiscovery {

  static final String EVENT_SOURCED = "cloudstate.eventsourced.EventSourced";

  private static final Logger log = LoggerFactory.getLogger(DiscoveryEndpoint.class);

  private final EntitySpec spec;

  DiscoveryEndpoint(String serviceName, String serviceVersion, Collection<EventSourcedEntity<?>> entities) {
    this.spec = EntitySpec.newBuilder()
        .setProto(FileDescriptorSets.withImports(
            entities.stream().map(entity -> entity.service().getFile()).toList()).toByteString())
        .addAllEntities(entities.stream().map(DiscoveryEndpoint::describe).toList())
        .setServiceInfo(ServiceInfo.newBuilder()
            .setServiceName(serviceName)
            .setServiceVersion(serviceVersion)
            .setServiceRuntime(LibraryInfo.runtime())
            .setSupportLibraryName(LibraryInfo.NAME)
            .setSupportLibraryVersion(LibraryInfo.VERSION)
            .setProtocolMajorVersion(LibraryInfo.PROTOCOL_MAJOR_VERSION)
            .setProtocolMinorVersion(LibraryInfo.PROTOCOL_MINOR_VERSION))
        .build();
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo proxy) {
    log.info("Discovered by {} {} (protocol {}.{})", proxy.getProxyName(), proxy.getProxyVersion(),
        proxy.getProtocolMajorVersion(), proxy.getProtocolMinorVersion());
    if (proxy.getProtocolMajorVersion() != LibraryInfo.PROTOCOL_MAJOR_VERSION) {
      log.warn("The proxy speaks protocol {}.{}, this library {}.{}", proxy.getProtocolMajorVersion(),
          proxy.getProtocolMinorVersion(), LibraryInfo.PROTOCOL_MAJOR_VERSION, LibraryInfo.PROTOCOL_MINOR_VERSION);
    }
    return CompletableFuture.completedFuture(spec);
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError error) {
    log.error("The proxy reported an error in this user function: {}", error.getMessage());
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }

  private static Entity describe(EventSourcedEntity<?> entity) {
    Entity.Builder builder = Entity.newBuilder()
        .setEntityType(EVENT_SOURCED)
        .setServiceName(entity.serviceName())
        .setPersistenceId(entity.persistenceId());
    entity.passivationTimeout().ifPresent(timeout -> builder.setPassivationStrategy(
        EntityPassivationStrategy.newBuilder()
            .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(timeout.toMillis()))));
    return builder.build();
  }
}
