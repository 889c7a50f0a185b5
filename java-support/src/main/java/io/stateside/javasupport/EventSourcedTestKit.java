package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an {@link EventSourcedEntity}'s handlers without a proxy or a server, through the same
 * code that serves the entity's stream: exceptions become failures, a failed command's events
 * are not applied, and the state carries over from one command to the next.
 *
 * <pre>{@code
 * EventSourcedTestKit<CartState> cart = EventSourcedTestKit.of(ShoppingCartEntity.definition(), "alice");
 * EventSourcedTestKit.Result result = cart.handle("AddItem", addApples);
 * assertEquals(List.of(itemAdded), result.events());
 * assertEquals(3, cart.state().quantityOf("apple"));
 * }</pre>
 *
 * @param <S> the entity's state type
 */
public final class EventSourcedTestKit<S> {

  /**
   * What one command did.
   *
   * @param reply the reply the client gets, unless the command forwarded or failed
   * @param forward the call the client is handed over to, if the command forwarded
   * @param sideEffects the side effects, in order (none when the command failed)
   * @param events the events the proxy is asked to store, in order (none when the command failed)
   * @param snapshotTaken whether the reply carries a snapshot of the new state
   * @param failure the description the client gets, if the command failed (including
   *     {@code Unexpected error in <Method>} when a handler threw)
   */
  public record Result(Optional<Message> reply, Optional<ServiceCall> forward, List<SideEffect> sideEffects,
                       List<Message> events, boolean snapshotTaken, Optional<String> failure) {}

  private final LiveEntity<S> entity;
  private final String entityId;
  private long nextCommandId = 1;

  private EventSourcedTestKit(LiveEntity<S> entity, String entityId) {
    this.entity = entity;
    this.entityId = entityId;
  }

  /**
   * An entity with id {@code test-entity} and no events.
   *
   * @param definition the entity type
   * @param <S> the state type
   * @return the test kit
   */
  public static <S> EventSourcedTestKit<S> of(EventSourcedEntity<S> definition) {
    return of(definition, "test-entity", List.of());
  }

  /**
   * An entity with no events: it starts from the initial state.
   *
   * @param definition the entity type
   * @param entityId the entity's id, as the command context shows it
   * @param <S> the state type
   * @return the test kit
   */
  public static <S> EventSourcedTestKit<S> of(EventSourcedEntity<S> definition, String entityId) {
    return of(definition, entityId, List.of());
  }

  /**
   * An entity recovered from stored events, replayed through its event handlers as the proxy
   * replays its journal. JSON events are given encoded, as {@link JsonType#encode} makes them.
   *
   * @param definition the entity type
   * @param entityId the entity's id
   * @param storedEvents the journal, oldest first
   * @param <S> the state type
   * @return the test kit
   */
  public static <S> EventSourcedTestKit<S> of(EventSourcedEntity<S> definition, String entityId,
                                              List<? extends Message> storedEvents) {
    try {
      LiveEntity<S> entity = LiveEntity.start(definition, Objects.requireNonNull(entityId), null);
      long sequence = 0;
      for (Message event : storedEvents) {
        entity.replay(++sequence, MessageType.packEvent(event));
      }
      return new EventSourcedTestKit<>(entity, entityId);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException("Could not replay the stored events", e);
    }
  }

  /** @return the entity's state now, after every event stored so far */
  public S state() {
    return entity.state();
  }

  /**
   * Handles a command, as the proxy would send it for a call of {@code method}.
   *
   * @param method the gRPC method name
   * @param command the request message
   * @return what the command did
   */
  public Result handle(String method, Message command) {
    return handle(method, command, Metadata.empty());
  }

  /**
   * Handles a command carrying request metadata.
   *
   * @param method the gRPC method name
   * @param command the request message
   * @param metadata what the handler finds in {@link CommandContext#metadata()}
   * @return what the command did
   */
  public Result handle(String method, Message command, Metadata metadata) {
    LiveEntity.Handled handled = entity.handle(Command.newBuilder()
        .setEntityId(entityId)
        .setId(nextCommandId++)
        .setName(method)
        .setPayload(MessageType.pack(command))
        .setMetadata(metadata.toProtocol())
        .build());
    EventSourcedReply reply = handled.reply();
    return handled.effect()
        .map(effect -> new Result(effect.replyMessage(), effect.forwardCall(), effect.sideEffects(), effect.events(),
            reply.hasSnapshot(), Optional.empty()))
        .orElseGet(() -> new Result(Optional.empty(), Optional.empty(), List.of(), List.of(), false,
            Optional.of(reply.getClientAction().getFailure().getDescription())));
  }
}
