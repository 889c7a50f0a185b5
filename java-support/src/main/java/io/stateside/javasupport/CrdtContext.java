package io.stateside.javasupport;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command of a {@link CrdtEntity} sees: the entity's CRDT, facts about the command, and the
 * choices about the state that go with its reply (delete, write consistency). The CRDT is changed in
 * place; the library sends the proxy only the delta of those changes, with the reply. If the command
 * fails (its handler fails or throws), every change it made is rolled back.
 *
 * <p>An entity has no CRDT until a command creates one with {@link #getOrCreate} or the proxy
 * sends one; its type is the application's choice and never changes.
 */
public sealed class CrdtContext permits CrdtStreamedContext, CrdtCancelContext {

  private final LiveCrdtEntity entity;
  private final CommandContext command;
  private WriteConsistency writeConsistency = WriteConsistency.LOCAL;
  private boolean deleted;

  CrdtContext(LiveCrdtEntity entity, CommandContext command) {
    this.entity = entity;
    this.command = command;
  }

  /** @return the id of the entity the command is for */
  public String entityId() {
    return command.entityId();
  }

  /** @return the gRPC method name */
  public String commandName() {
    return command.commandName();
  }

  /** @return the proxy's id for this command, unique within the entity's stream */
  public long commandId() {
    return command.commandId();
  }

  /** @return the request metadata the proxy passed on */
  public Metadata metadata() {
    return command.metadata();
  }

  /** @return the event this command delivers, when a subscribing method is called with one */
  public Optional<CloudEvent> cloudEvent() {
    return command.cloudEvent();
  }

  /**
   * The entity's CRDT, if it has one.
   *
   * @param type the CRDT type the entity uses
   * @param <T> that type
   * @return the CRDT, or empty if no command created one yet and the proxy sent none
   * @throws IllegalStateException if the entity's CRDT is of another type
   */
  public <T extends Crdt> Optional<T> state(Class<T> type) {
    return entity.state(type);
  }

  /**
   * The entity's CRDT, created if it has none yet.
   *
   * <pre>{@code
   * GCounter likes = context.getOrCreate(GCounter.class, GCounter::new);
   * ORMap<String, GCounter> perItem = context.getOrCreate(ORMap.class, ORMap::new);
   * }</pre>
   *
   * @param type the CRDT type the entity uses
   * @param create makes a new CRDT; called only when the entity has none
   * @param <T> that type
   * @return the CRDT, to read or change in place
   * @throws IllegalStateException if the entity's CRDT is of another type
   */
  public <T extends Crdt> T getOrCreate(Class<? super T> type, Supplier<T> create) {
    return entity.getOrCreate(type, create);
  }

  /**
   * Deletes the entity, with the reply: the proxy removes its CRDT on every node, for good: the
   * entity id can never be used again, and later commands for it fail. Changes made in the same
   * command are not sent.
   *
   * @throws IllegalStateException if the entity has no CRDT
   */
  public void delete() {
    if (entity.state(Crdt.class).isEmpty()) {
      throw new IllegalStateException("Entity '" + entityId() + "' has no CRDT to delete");
    }
    deleted = true;
  }

  /** @return whether the command deletes the entity */
  public boolean isDeleted() {
    return deleted;
  }

  /**
   * Sets how many replicas must have this command's update (or delete) before the client is
   * answered; {@link WriteConsistency#LOCAL} unless set.
   *
   * @param consistency the write consistency
   */
  public void writeConsistency(WriteConsistency consistency) {
    this.writeConsistency = Objects.requireNonNull(consistency, "consistency");
  }

  /** @return the write consistency of this command's update */
  public WriteConsistency writeConsistency() {
    return writeConsistency;
  }

  CommandContext command() {
    return command;
  }
}
