package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.time.Duration;

/** One entity-backed service of the user function, as accepted at discovery. */
public record UserEntity(
    String entityType, ServiceDescriptor service, String persistenceId, Duration passivationTimeout) {

  public String serviceName() {
    return service.getFullName();
  }
}
