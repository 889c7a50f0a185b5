package io.stateside.javasupport;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action does with one command: reply, forward, fail, or nothing at all, plus side
 * effects. Immutable.
 *
 * <p>No reply is legal for actions: in a streamed-out call the client then gets no message for
 * this effect; a unary or streamed-in call answers the method's empty message. Side effects run
 * whatever the answer; synchronous ones before the client gets it.
 *
 * @param <R> the method's reply type
 */
public final class ActionEffect<R extends Message> {

  private final Optional<Answer> answer;
  private final Optional<String> failure;
  private final Metadata replyMetadata;
  private final List<SideEffect> sideEffects;

  private ActionEffect(Optional<Answer> answer, Optional<String> failure, Metadata replyMetadata, List<SideEffect> sideEffects) {
    this.answer = answer;
    this.failure = failure;
    this.replyMetadata = replyMetadata;
    this.sideEffects = sideEffects;
  }

  /**
   * @param reply the message the client gets
   * @param <R> the reply type
   * @return an effect that replies
   */
  public static <R extends Message> ActionEffect<R> reply(R reply) {
    return reply(reply, Metadata.empty());
  }

  /**
   * @param reply the message the client gets
   * @param metadata sent to the client as response headers (of a unary call; streamed calls
   *     send their headers before any reply)
   * @param <R> the reply type
   * @return an effect that replies
   */
  public static <R extends Message> ActionEffect<R> reply(R reply, Metadata metadata) {
    return new ActionEffect<>(Optional.of(new Answer.Reply(Objects.requireNonNull(reply, "reply"))), Optional.empty(),
        Objects.requireNonNull(metadata, "metadata"), List.of());
  }

  /**
   * @param call where the proxy sends the command on, an entity's or an action's method with the
   *     same reply type; its answer is the client's
   * @param <R> the reply type
   * @return an effect that forwards
   */
  public static <R extends Message> ActionEffect<R> forward(ServiceCall call) {
    return new ActionEffect<>(Optional.of(new Answer.Forward(Objects.requireNonNull(call, "call"))), Optional.empty(),
        Metadata.empty(), List.of());
  }

  /**
   * @param description what the client is told; it gets status {@code UNKNOWN} with it (and a
   *     streamed call ends)
   * @param <R> the reply type
   * @return an effect that fails the call
   */
  public static <R extends Message> ActionEffect<R> fail(String description) {
    return new ActionEffect<>(Optional.empty(), Optional.of(Objects.requireNonNull(description, "description")),
        Metadata.empty(), List.of());
  }

  /**
   * @param <R> the reply type
   * @return an effect that answers nothing, for example to run side effects only
   */
  public static <R extends Message> ActionEffect<R> noReply() {
    return new ActionEffect<>(Optional.empty(), Optional.empty(), Metadata.empty(), List.of());
  }

  /**
   * @param effects calls the proxy makes besides the answer
   * @return this effect with the side effects added
   */
  public ActionEffect<R> withSideEffects(SideEffect... effects) {
    List<SideEffect> all = new ArrayList<>(sideEffects);
    for (SideEffect effect : effects) {
      all.add(Objects.requireNonNull(effect, "side effect"));
    }
    return new ActionEffect<>(answer, failure, replyMetadata, List.copyOf(all));
  }

  /** @return the reply message, if the effect replies */
  public Optional<Message> replyMessage() {
    return answer.filter(Answer.Reply.class::isInstance).map(reply -> ((Answer.Reply) reply).message());
  }

  /** @return the metadata sent with the reply */
  public Metadata replyMetadata() {
    return replyMetadata;
  }

  /** @return the forward's target, if the effect forwards */
  public Optional<ServiceCall> forwardCall() {
    return answer.filter(Answer.Forward.class::isInstance).map(forward -> ((Answer.Forward) forward).call());
  }

  /** @return the failure's description, if the effect fails */
  public Optional<String> failure() {
    return failure;
  }

  /** @return the side effects, in order */
  public List<SideEffect> sideEffects() {
    return sideEffects;
  }

  Optional<Answer> answer() {
    return answer;
  }
}
