package io.stateside.javasupport;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command of an event-sourced entity does: the events it emits and how the client is
 * answered. (Value entities have their own {@link ValueEffect}.)
 *
 * <p>Build one with the static methods:
 *
 * <pre>{@code
 * return Effect.reply(balance);                                   // answer, change nothing
 * return Effect.emit(new Deposited(...)).thenReply(newBalance);   // store events, then answer
 * return Effect.emit(withdrawn).thenForward(depositCall);         // store events, then hand over
 * return Effect.fail("Amount must be positive");                  // refuse; nothing is stored
 * }</pre>
 *
 * <p>A failure carries no events and no side effects, so a refused command can never change the
 * entity. Events are stored by the proxy before the client is answered.
 *
 * @param <R> the reply type of the command's gRPC method
 */
public abstract sealed class Effect<R extends Message> permits Effect.Success, Effect.Failure {

  private Effect() {}

  /**
   * Answers with {@code reply} and emits nothing.
   *
   * @param reply the response message
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Success<R> reply(R reply) {
    return new Success<>(List.of(), new Answer.Reply(Objects.requireNonNull(reply, "reply")), List.of());
  }

  /**
   * Hands the client's call over to another method, whose answer the client gets; emits nothing.
   *
   * @param call the method to forward to; its reply type should be {@code R}
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Success<R> forward(ServiceCall call) {
    return new Success<>(List.of(), new Answer.Forward(Objects.requireNonNull(call, "call")), List.of());
  }

  /**
   * Refuses the command. The client gets an error with this description; no event is stored and
   * the state is unchanged.
   *
   * @param description why the command was refused; shown to the client
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Failure<R> fail(String description) {
    return new Failure<>(Objects.requireNonNull(description, "description"));
  }

  /**
   * Emits events, in order; follow with {@link Emit#thenReply} or {@link Emit#thenForward}. An
   * event is a protobuf message, or a JSON value encoded by its {@link JsonType}; each type needs
   * an {@code onEvent} handler in the entity.
   *
   * @param event the first event
   * @param more further events
   * @return a builder to choose how the client is answered
   */
  public static Emit emit(Message event, Message... more) {
    List<Message> events = new ArrayList<>(1 + more.length);
    events.add(event);
    events.addAll(List.of(more));
    return emitAll(events);
  }

  /**
   * Emits a list of events, in order (possibly none); follow with {@link Emit#thenReply} or
   * {@link Emit#thenForward}.
   *
   * @param events the events
   * @return a builder to choose how the client is answered
   */
  public static Emit emitAll(List<? extends Message> events) {
    return new Emit(List.copyOf(events));
  }

  /** Events chosen by a command handler, waiting for the answer to the client. */
  public static final class Emit {
    private final List<Message> events;

    private Emit(List<Message> events) {
      this.events = events;
    }

    /**
     * Answers with {@code reply} once the events are stored.
     *
     * @param reply the response message
     * @param <R> the reply type
     * @return the effect
     */
    public <R extends Message> Success<R> thenReply(R reply) {
      return new Success<>(events, new Answer.Reply(Objects.requireNonNull(reply, "reply")), List.of());
    }

    /**
     * Hands the client's call over to another method once the events are stored.
     *
     * @param call the method to forward to
     * @param <R> the reply type
     * @return the effect
     */
    public <R extends Message> Success<R> thenForward(ServiceCall call) {
      return new Success<>(events, new Answer.Forward(Objects.requireNonNull(call, "call")), List.of());
    }
  }

  /**
   * A command that succeeds: events to store, then a reply or a forward, plus side effects.
   *
   * @param <R> the reply type
   */
  public static final class Success<R extends Message> extends Effect<R> {
    private final List<Message> events;
    private final Answer answer;
    private final List<SideEffect> sideEffects;

    private Success(List<Message> events, Answer answer, List<SideEffect> sideEffects) {
      this.events = events;
      this.answer = answer;
      this.sideEffects = sideEffects;
    }

    /**
     * Adds calls the proxy makes once the events are stored.
     *
     * @param effects the side effects, run in the given order
     * @return a new effect with the side effects added
     */
    public Success<R> withSideEffects(SideEffect... effects) {
      List<SideEffect> all = new ArrayList<>(sideEffects);
      for (SideEffect effect : effects) {
        all.add(Objects.requireNonNull(effect, "side effect"));
      }
      return new Success<>(events, answer, List.copyOf(all));
    }

    /** @return the events to store, in order */
    public List<Message> events() {
      return events;
    }

    /** @return the side effects, in order */
    public List<SideEffect> sideEffects() {
      return sideEffects;
    }

    /** @return the reply, if this effect answers with one rather than forwarding */
    public Optional<Message> replyMessage() {
      return answer instanceof Answer.Reply r ? Optional.of(r.message()) : Optional.empty();
    }

    /** @return the call the client is handed over to, if this effect forwards */
    public Optional<ServiceCall> forwardCall() {
      return answer instanceof Answer.Forward f ? Optional.of(f.call()) : Optional.empty();
    }

    Answer answer() {
      return answer;
    }
  }

  /**
   * A refused command.
   *
   * @param <R> the reply type
   */
  public static final class Failure<R extends Message> extends Effect<R> {
    private final String description;

    private Failure(String description) {
      this.description = description;
    }

    /** @return why the command was refused */
    public String description() {
      return description;
    }
  }
}
