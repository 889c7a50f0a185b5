package io.stateside.javasupport;

import java.util.Objects;

/**
 * Facts about the command being handled.
 *
 * <p>A plain value: unit tests of command handlers can create one directly.
 *
 * @param entityId the id of the entity the command is for (its key fields, joined by the proxy)
 * @param commandName the gRPC method name, for example {@code AddItem}
 * @param commandId the proxy's id for this command, unique within the entity's stream
 */
public record CommandContext(String entityId, String commandName, long commandId) {

  /**
   * Checks that no field is null.
   *
   * @param entityId the entity's id
   * @param commandName the gRPC method name
   * @param commandId the proxy's id for the command
   */
  public CommandContext {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(commandName, "commandName");
  }
}
