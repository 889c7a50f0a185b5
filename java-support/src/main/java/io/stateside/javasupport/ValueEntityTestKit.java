package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.valueentity.ValueEntityInitState;
import io.stateside.protocol.valueentity.ValueEntityReply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link ValueEntity}'s command handlers without a proxy or a server, through the same
 * code that serves the entity's stream: exceptions become failures, refused state changes are not
 * applied, and the state carries over from one command to the next.
 *
 * <pre>{@code
 * ValueEntityTestKit<Profile> alice = ValueEntityTestKit.of(UserProfileEntity.definition(), "alice");
 * ValueEntityTestKit.Result result = alice.handle("SetName", SetName.newBuilder().setUserId("alice").setName("Alice").build());
 * assertEquals(Optional.of(Empty.getDefaultInstance()), result.reply());
 * assertEquals("Alice", alice.state().getName());
 * }</pre>
 *
 * @param <S> the entity's state type
 */
public final class ValueEntityTestKit<S extends Message> {

  /**
   * What one command did.
   *
   * @param reply the reply the client gets, unless the command forwarded or failed
   * @param forward the call the client is handed over to, if the command forwarded
   * @param sideEffects the side effects, in order (none when the command failed)
   * @param stateChange what the proxy is asked to store
   * @param failure the description the client gets, if the command failed (including
   *     {@code Unexpected error in <Method>} when the handler threw)
   */
  public record Result(Optional<Message> reply, Optional<ServiceCall> forward, List<SideEffect> sideEffects,
                       ValueEffect.StateChange stateChange, Optional<String> failure) {}

  private final LiveValueEntity<S> entity;
  private final String entityId;
  private long nextCommandId = 1;

  private ValueEntityTestKit(LiveValueEntity<S> entity, String entityId) {
    this.entity = entity;
    this.entityId = entityId;
  }

  /**
   * An entity with id {@code test-entity} and nothing stored.
   *
   * @param definition the entity type
   * @param <S> the state type
   * @return the test kit
   */
  public static <S extends Message> ValueEntityTestKit<S> of(ValueEntity<S> definition) {
    return of(definition, "test-entity");
  }

  /**
   * An entity with nothing stored: it starts from the initial state.
   *
   * @param definition the entity type
   * @param entityId the entity's id, as the command context shows it
   * @param <S> the state type
   * @return the test kit
   */
  public static <S extends Message> ValueEntityTestKit<S> of(ValueEntity<S> definition, String entityId) {
    return start(definition, entityId, ValueEntityInitState.getDefaultInstance());
  }

  /**
   * An entity started as the proxy starts one that has {@code storedState} in its store.
   *
   * @param definition the entity type
   * @param entityId the entity's id
   * @param storedState the stored state
   * @param <S> the state type
   * @return the test kit
   */
  public static <S extends Message> ValueEntityTestKit<S> of(ValueEntity<S> definition, String entityId, S storedState) {
    return start(definition, entityId,
        ValueEntityInitState.newBuilder().setValue(MessageType.pack(Objects.requireNonNull(storedState))).build());
  }

  private static <S extends Message> ValueEntityTestKit<S> start(
      ValueEntity<S> definition, String entityId, ValueEntityInitState stored) {
    try {
      return new ValueEntityTestKit<>(LiveValueEntity.start(definition, Objects.requireNonNull(entityId), stored), entityId);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Could not read the stored state", e);
    }
  }

  /** @return the entity's state now: what the proxy would have stored, or the initial state */
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
    LiveValueEntity.Handled handled = entity.handle(Command.newBuilder()
        .setEntityId(entityId)
        .setId(nextCommandId++)
        .setName(method)
        .setPayload(MessageType.pack(command))
        .setMetadata(metadata.toProtocol())
        .build());
    ValueEntityReply reply = handled.reply();
    return handled.effect()
        .map(effect -> new Result(effect.replyMessage(), effect.forwardCall(), effect.sideEffects(),
            effect.stateChange(), Optional.empty()))
        .orElseGet(() -> new Result(Optional.empty(), Optional.empty(), List.of(), ValueEffect.StateChange.UNCHANGED,
            Optional.of(reply.getClientAction().getFailure().getDescription())));
  }
}
