package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.StreamCancelled;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamCancelledResponse;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtStreamedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running CRDT entity on one proxy node: its CRDT (absent until created), the streamed calls
 * it keeps open, and whether it was deleted. Turns each message of the proxy into the answers the
 * protocol asks for, and never lets an exception from user code escape: a failing command gets a
 * failure reply and its changes are rolled back; a failing change callback fails only its own call.
 */
final class LiveCrdtEntity {

  private static final Logger log = LoggerFactory.getLogger(LiveCrdtEntity.class);

  /** An open streamed call: its callbacks and the command that opened it. */
  private record Subscription(
      CommandContext command,
      MessageType<?> replyType,
      Optional<Function<CrdtChangeContext, Optional<? extends Message>>> onChange,
      Optional<Consumer<CrdtCancelContext>> onCancel) {}

  private final CrdtEntity definition;
  private final String entityId;
  private final Map<Long, Subscription> subscriptions = new LinkedHashMap<>();
  private Crdt crdt;
  private boolean deleted;

  private LiveCrdtEntity(CrdtEntity definition, String entityId, Crdt crdt) {
    this.definition = definition;
    this.entityId = entityId;
    this.crdt = crdt;
  }

  /** Starts an entity from the init's delta, if the proxy has a value for it. */
  static LiveCrdtEntity start(CrdtEntity definition, String entityId, Optional<CrdtDelta> initial)
      throws InvalidProtocolBufferException {
    Crdt crdt = initial.isPresent() ? Crdt.fromDelta(initial.get(), definition.values()) : null;
    return new LiveCrdtEntity(definition, entityId, crdt);
  }

  String describe() {
    return definition.serviceName() + " entity '" + entityId + "'";
  }

  String entityId() {
    return entityId;
  }

  <T extends Crdt> Optional<T> state(Class<T> type) {
    if (crdt == null) {
      return Optional.empty();
    }
    if (!type.isInstance(crdt)) {
      throw new IllegalStateException(describe() + " holds a " + crdt.typeName() + ", not a " + type.getSimpleName());
    }
    return Optional.of(type.cast(crdt));
  }

  @SuppressWarnings("unchecked")
  <T extends Crdt> T getOrCreate(Class<? super T> type, Supplier<T> create) {
    if (crdt == null) {
      T created = Objects.requireNonNull(create.get(), "getOrCreate's supplier returned null");
      crdt = created;
    }
    if (!type.isInstance(crdt)) {
      throw new IllegalStateException(describe() + " holds a " + crdt.typeName() + ", not a " + type.getSimpleName());
    }
    return (T) crdt;
  }

  /** A change from the proxy: apply it, then tell the open streams. */
  List<CrdtStreamOut> applyDelta(CrdtDelta delta) throws InvalidProtocolBufferException {
    if (crdt == null) {
      crdt = Crdt.fromDelta(delta, definition.values());
    } else {
      crdt.applyDelta(delta, definition.values());
    }
    return notifySubscribers();
  }

  /** The proxy deleted the entity: nothing more may happen to it. */
  void deleted() {
    deleted = true;
    subscriptions.clear();
  }

  List<CrdtStreamOut> handle(Command command) {
    CommandContext facts = CommandContext.of(entityId, command);
    if (deleted) {
      return List.of(failure(command.getId(), describe() + " was deleted"));
    }
    Crdt before = crdt == null ? null : crdt.copy();
    try {
      CrdtEntity.Method method = definition.method(command.getName());
      CrdtContext context = method.streamed()
          ? new CrdtStreamedContext<>(this, facts, command.getStreamed())
          : new CrdtContext(this, facts);
      ActionEffect<?> effect = method.route().run(context, command.getPayload(), facts);
      if (effect.failure().isPresent()) {
        crdt = before;
        return List.of(failure(command.getId(), effect.failure().get()));
      }
      effect.answer().ifPresent(answer -> method.route().checkAnswer(command.getName(), answer));
      return succeed(command, method, context, effect);
    } catch (RejectedCommandException e) {
      crdt = before;
      log.warn("Rejected command {} for {}: {}", command.getName(), describe(), e.getMessage());
      return List.of(failure(command.getId(), e.getMessage()));
    } catch (Exception e) {
      crdt = before;
      log.error("Command {} (id {}) for {} failed; its changes are rolled back",
          command.getName(), command.getId(), describe(), e);
      return List.of(failure(command.getId(), "Unexpected error in " + command.getName()));
    }
  }

  private List<CrdtStreamOut> succeed(Command command, CrdtEntity.Method method, CrdtContext context,
                                      ActionEffect<?> effect) {
    CrdtReply.Builder reply = CrdtReply.newBuilder()
        .setCommandId(command.getId())
        .addAllSideEffects(ProtocolReplies.sideEffects(effect.sideEffects()));
    effect.answer().ifPresent(answer -> reply.setClientAction(ProtocolReplies.clientAction(answer, effect.replyMetadata())));
    Optional<CrdtStateAction> action = takeStateAction(context);
    action.ifPresent(reply::setStateAction);
    // The streams already open hear of this change; the one this command may open starts after it.
    List<CrdtStreamOut> notifications = action.isPresent() && !context.isDeleted() ? notifySubscribers() : List.of();
    if (context instanceof CrdtStreamedContext<?> streamed && streamed.subscribes()) {
      subscriptions.put(command.getId(), new Subscription(context.command(), method.route().replyType(),
          streamed.changeCallback(), streamed.cancelCallback()));
      reply.setStreamed(true);
    }
    if (context.isDeleted()) {
      deleted();
    }
    List<CrdtStreamOut> out = new ArrayList<>(1 + notifications.size());
    out.add(CrdtStreamOut.newBuilder().setReply(reply).build());
    out.addAll(notifications);
    return out;
  }

  /** The client cancelled a streamed call: run its cancel callback, if any, and answer. */
  List<CrdtStreamOut> cancelled(StreamCancelled cancelled) {
    CrdtStreamCancelledResponse.Builder response = CrdtStreamCancelledResponse.newBuilder().setCommandId(cancelled.getId());
    Subscription subscription = subscriptions.remove(cancelled.getId());
    if (subscription == null || subscription.onCancel().isEmpty() || deleted) {
      return List.of(CrdtStreamOut.newBuilder().setStreamCancelledResponse(response).build());
    }
    Crdt before = crdt == null ? null : crdt.copy();
    CrdtCancelContext context = new CrdtCancelContext(this, subscription.command());
    try {
      subscription.onCancel().get().accept(context);
    } catch (Exception e) {
      crdt = before;
      log.error("The cancel callback of call {} on {} failed; its changes are rolled back",
          cancelled.getId(), describe(), e);
      return List.of(CrdtStreamOut.newBuilder().setStreamCancelledResponse(response).build());
    }
    response.addAllSideEffects(ProtocolReplies.sideEffects(context.sideEffects()));
    Optional<CrdtStateAction> action = takeStateAction(context);
    action.ifPresent(response::setStateAction);
    List<CrdtStreamOut> notifications = action.isPresent() && !context.isDeleted() ? notifySubscribers() : List.of();
    if (context.isDeleted()) {
      deleted();
    }
    List<CrdtStreamOut> out = new ArrayList<>(1 + notifications.size());
    out.add(CrdtStreamOut.newBuilder().setStreamCancelledResponse(response).build());
    out.addAll(notifications);
    return out;
  }

  /** The delete, or the delta of the changes made, which from now on count as sent. */
  private Optional<CrdtStateAction> takeStateAction(CrdtContext context) {
    CrdtStateAction.Builder action = CrdtStateAction.newBuilder()
        .setWriteConsistency(context.writeConsistency().toProtocol());
    if (context.isDeleted()) {
      return Optional.of(action.setDelete(CrdtDelete.getDefaultInstance()).build());
    }
    if (crdt == null || !crdt.hasDelta()) {
      return Optional.empty();
    }
    action.setUpdate(crdt.delta());
    crdt.resetDelta();
    return Optional.of(action.build());
  }

  /** Runs every change callback, in the order the calls were opened. */
  private List<CrdtStreamOut> notifySubscribers() {
    List<CrdtStreamOut> out = new ArrayList<>();
    for (Map.Entry<Long, Subscription> entry : List.copyOf(subscriptions.entrySet())) {
      if (entry.getValue().onChange().isPresent()) {
        notify(entry.getKey(), entry.getValue()).ifPresent(message ->
            out.add(CrdtStreamOut.newBuilder().setStreamedMessage(message).build()));
      }
    }
    return out;
  }

  private Optional<CrdtStreamedMessage> notify(long commandId, Subscription subscription) {
    CrdtChangeContext context = new CrdtChangeContext(this, commandId);
    CrdtStreamedMessage.Builder message = CrdtStreamedMessage.newBuilder().setCommandId(commandId);
    try {
      Optional<? extends Message> next = subscription.onChange().get().apply(context);
      if (next == null) {
        throw new IllegalStateException("The change callback returned null instead of an Optional");
      }
      if (next.isPresent()) {
        Answer answer = new Answer.Reply(next.get());
        CommandRoute.checkAnswer(subscription.replyType(), subscription.command().commandName(), answer);
        message.setClientAction(ProtocolReplies.clientAction(answer));
      } else if (!context.ended() && context.sideEffects().isEmpty()) {
        return Optional.empty();
      }
    } catch (Exception e) {
      log.error("The change callback of call {} on {} failed; ending that call", commandId, describe(), e);
      subscriptions.remove(commandId);
      return Optional.of(message
          .setClientAction(ProtocolReplies.failure(commandId, "Unexpected error in " + subscription.command().commandName()))
          .build());
    }
    if (context.ended()) {
      subscriptions.remove(commandId);
    }
    return Optional.of(message
        .addAllSideEffects(ProtocolReplies.sideEffects(context.sideEffects()))
        .setEndStream(context.ended())
        .build());
  }

  private static CrdtStreamOut failure(long commandId, String description) {
    return CrdtStreamOut.newBuilder()
        .setReply(CrdtReply.newBuilder()
            .setCommandId(commandId)
            .setClientAction(ProtocolReplies.failure(commandId, description)))
        .build();
  }
}
