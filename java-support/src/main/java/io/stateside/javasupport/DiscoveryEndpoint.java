package io.stateside.javasupport;

import akka.grpc.GrpcServiceException;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.UserFunctionError;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code cloudstate.EntityDiscovery}: tells the proxy what this user function offers, every
 * entity of every kind, and refuses a proxy that does not serve one of those kinds.
 */
final class DiscoveryEndpoint implements EntityDiscovery {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryEndpoint.class);

  private final List<EntityDefinition> entities;
  private final EntitySpec spec;

  DiscoveryEndpoint(String serviceName, String serviceVersion, Collection<EntityDefinition> entities) {
    this.entities = List.copyOf(entities);
    this.spec = EntitySpec.newBuilder()
        .setProto(FileDescriptorSets.withImports(
            entities.stream().map(entity -> entity.service().getFile()).toList()).toByteString())
        .addAllEntities(entities.stream().map(EntityDefinition::discoveryEntry).toList())
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

  /**
   * Answers with the spec, unless the proxy lists the entity types it supports and one of the
   * registered kinds is not among them: then serving would fail on the first command of that
   * kind, so discovery fails now with {@code FAILED_PRECONDITION}, naming the kinds and services.
   * A proxy that lists no types at all says nothing about them, and gets the spec.
   */
  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo proxy) {
    log.info("Discovered by {} {} (protocol {}.{})", proxy.getProxyName(), proxy.getProxyVersion(),
        proxy.getProtocolMajorVersion(), proxy.getProtocolMinorVersion());
    if (proxy.getProtocolMajorVersion() != LibraryInfo.PROTOCOL_MAJOR_VERSION) {
      log.warn("The proxy speaks protocol {}.{}, this library {}.{}", proxy.getProtocolMajorVersion(),
          proxy.getProtocolMinorVersion(), LibraryInfo.PROTOCOL_MAJOR_VERSION, LibraryInfo.PROTOCOL_MINOR_VERSION);
    }
    List<String> supported = proxy.getSupportedEntityTypesList();
    if (supported.isEmpty()) {
      log.warn("The proxy did not list the entity types it supports; serving {} anyway",
          entities.stream().map(EntityDefinition::entityType).distinct().toList());
      return CompletableFuture.completedFuture(spec);
    }
    List<EntityDefinition> unsupported = entities.stream().filter(e -> !supported.contains(e.entityType())).toList();
    if (!unsupported.isEmpty()) {
      String message = "The proxy " + proxy.getProxyName() + " " + proxy.getProxyVersion()
          + " does not support the entity type of "
          + unsupported.stream().map(e -> e.serviceName() + " (" + e.entityType() + ")").collect(Collectors.joining(", "))
          + "; it supports " + String.join(", ", supported);
      log.error("Refusing discovery: {}", message);
      return CompletableFuture.failedFuture(new GrpcServiceException(Status.FAILED_PRECONDITION.withDescription(message)));
    }
    return CompletableFuture.completedFuture(spec);
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError error) {
    log.error("The proxy reported an error in this user function: {}", error.getMessage());
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }
}
