package io.stateside.javasupport;

import java.util.Objects;
import java.util.Optional;

/**
 * Facts about the call an action handles. A plain value: unit tests of action handlers can create
 * one directly.
 *
 * @param serviceName the full name of the action's gRPC service
 * @param commandName the gRPC method name, for example {@code Validate}
 * @param metadata the request metadata the proxy passed on (gRPC request headers)
 */
public record ActionContext(String serviceName, String commandName, Metadata metadata) {

  /**
   * Checks that no field is null.
   *
   * @param serviceName the service's full name
   * @param commandName the gRPC method name
   * @param metadata the request metadata
   */
  public ActionContext {
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(commandName, "commandName");
    Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * @return the event this call delivers, when the proxy calls a subscribing method with one
   *     (its CloudEvent attributes in the metadata); empty for a client's call
   */
  public Optional<CloudEvent> cloudEvent() {
    return CloudEvent.from(metadata);
  }
}
