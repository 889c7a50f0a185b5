package io.stateside.javasupport;

import java.util.Objects;
import java.util.Optional;

/**
 * Facts about the command being handled.
 *
 * <p>A plain value: unit tests of command handlers can create one directly.
 *
 * @param entityId the id of the entity the command is for (its key fields, joined by the proxy)
 * @param commandName the gRPC method name, for example {@code AddItem}
 * @param commandId the proxy's id for this command, unique within the entity's stream
 * @param metadata the request metadata the proxy passed on
 */
public record CommandContext(String entityId, String commandName, long commandId, Metadata metadata) {

  /**
   * Checks that no field is null.
   *
   * @param entityId the entity's id
   * @param commandName the gRPC method name
   * @param commandId the proxy's id for the command
   * @param metadata the request metadata
   */
  public CommandContext {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(commandName, "commandName");
    Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * A context without metadata.
   *
   * @param entityId the entity's id
   * @param commandName the gRPC method name
   * @param commandId the proxy's id for the command
   */
  public CommandContext(String entityId, String commandName, long commandId) {
    this(entityId, commandName, commandId, Metadata.empty());
  }

  /**
   * @return the event this command delivers, when the proxy calls a subscribing method of the
   *     entity with one (its CloudEvent attributes in the metadata); empty for a client's call
   */
  public Optional<CloudEvent> cloudEvent() {
    return CloudEvent.from(metadata);
  }

  static CommandContext of(String entityId, io.stateside.protocol.Command command) {
    return new CommandContext(entityId, command.getName(), command.getId(), Metadata.fromProtocol(command.getMetadata()));
  }
}
