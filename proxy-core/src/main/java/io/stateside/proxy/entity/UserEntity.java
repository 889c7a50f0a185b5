package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.time.Duration;

/** One service of the user function, as accepted at discovery, with the kind that serves it. */
public record UserEntity(
    EntityKind kind, ServiceDescriptor service, String persistenceId, Duration passivationTimeout) {

  public String serviceName() {
    return service.getFullName();
  }
}
