package io.stateside.proxy.entity;

import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Delivers commands to the entities of one entity-backed service, wherever they live. */
public interface EntityGateway {

  /**
   * Sends the command to its entity and completes with the entity's reply; fails with
   * {@link java.util.concurrent.TimeoutException} when no reply comes within the timeout.
   */
  CompletionStage<EntityReply> send(EntityCommand command, Duration timeout);
}
