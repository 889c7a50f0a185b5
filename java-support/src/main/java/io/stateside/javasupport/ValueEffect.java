package io.stateside.javasupport;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command of a {@link ValueEntity} does: how it changes the stored state and how the
 * client is answered.
 *
 * <pre>{@code
 * return ValueEffect.reply(profile);                                     // answer, store nothing
 * return ValueEffect.update(renamed).thenReply(Empty.getDefaultInstance()); // store, then answer
 * return ValueEffect.delete().thenReply(Empty.getDefaultInstance());       // delete, then answer
 * return ValueEffect.update(reserved).thenForward(notifyCall);             // store, then hand over
 * return ValueEffect.fail("Name must not be empty");                       // refuse; nothing is stored
 * }</pre>
 *
 * <p>The proxy stores the new state (or deletes it) before the client gets its answer. A failure
 * carries no state change and no side effects.
 *
 * @param <R> the reply type of the command's gRPC method
 */
public abstract sealed class ValueEffect<R extends Message> permits ValueEffect.Success, ValueEffect.Failure {

  private ValueEffect() {}

  /**
   * Answers with {@code reply} and leaves the state as it is.
   *
   * @param reply the response message
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Success<R> reply(R reply) {
    return new Success<>(StateChange.UNCHANGED, new Answer.Reply(Objects.requireNonNull(reply, "reply")), List.of());
  }

  /**
   * Hands the client's call over to another method, whose answer the client gets; leaves the
   * state as it is.
   *
   * @param call the method to forward to; it must return {@code R}
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Success<R> forward(ServiceCall call) {
    return new Success<>(StateChange.UNCHANGED, new Answer.Forward(Objects.requireNonNull(call, "call")), List.of());
  }

  /**
   * Refuses the command. The client gets an error with this description; the state is unchanged.
   *
   * @param description why the command was refused; shown to the client
   * @param <R> the reply type
   * @return the effect
   */
  public static <R extends Message> Failure<R> fail(String description) {
    return new Failure<>(Objects.requireNonNull(description, "description"));
  }

  /**
   * Replaces the state; follow with {@link Change#thenReply} or {@link Change#thenForward}.
   *
   * @param newState the new state, of the entity's state type
   * @return a builder to choose how the client is answered
   */
  public static Change update(Message newState) {
    return new Change(new StateChange.Updated(Objects.requireNonNull(newState, "newState")));
  }

  /**
   * Deletes the state: the proxy removes it from its store, and the entity carries on (and
   * restarts later) from its initial state. Follow with {@link Change#thenReply} or
   * {@link Change#thenForward}.
   *
   * @return a builder to choose how the client is answered
   */
  public static Change delete() {
    return new Change(StateChange.DELETED);
  }

  /** How a command changes the stored state. */
  public sealed interface StateChange permits StateChange.Unchanged, StateChange.Updated, StateChange.Deleted {

    /** The state stays; nothing is written. */
    StateChange UNCHANGED = new Unchanged();
    /** The state is deleted. */
    StateChange DELETED = new Deleted();

    /** Nothing is written. */
    record Unchanged() implements StateChange {}

    /**
     * The state is replaced.
     *
     * @param state the new state
     */
    record Updated(Message state) implements StateChange {}

    /** The state is deleted. */
    record Deleted() implements StateChange {}
  }

  /** A state change chosen by a command handler, waiting for the answer to the client. */
  public static final class Change {
    private final StateChange change;

    private Change(StateChange change) {
      this.change = change;
    }

    /**
     * Answers with {@code reply} once the change is stored.
     *
     * @param reply the response message
     * @param <R> the reply type
     * @return the effect
     */
    public <R extends Message> Success<R> thenReply(R reply) {
      return new Success<>(change, new Answer.Reply(Objects.requireNonNull(reply, "reply")), List.of());
    }

    /**
     * Hands the client's call over to another method once the change is stored.
     *
     * @param call the method to forward to; it must return {@code R}
     * @param <R> the reply type
     * @return the effect
     */
    public <R extends Message> Success<R> thenForward(ServiceCall call) {
      return new Success<>(change, new Answer.Forward(Objects.requireNonNull(call, "call")), List.of());
    }
  }

  /**
   * A command that succeeds: a state change, then a reply or a forward, plus side effects.
   *
   * @param <R> the reply type
   */
  public static final class Success<R extends Message> extends ValueEffect<R> {
    private final StateChange stateChange;
    private final Answer answer;
    private final List<SideEffect> sideEffects;

    private Success(StateChange stateChange, Answer answer, List<SideEffect> sideEffects) {
      this.stateChange = stateChange;
      this.answer = answer;
      this.sideEffects = sideEffects;
    }

    /**
     * Adds calls the proxy makes once the state change is stored.
     *
     * @param effects the side effects, run in the given order
     * @return a new effect with the side effects added
     */
    public Success<R> withSideEffects(SideEffect... effects) {
      List<SideEffect> all = new ArrayList<>(sideEffects);
      for (SideEffect effect : effects) {
        all.add(Objects.requireNonNull(effect, "side effect"));
      }
      return new Success<>(stateChange, answer, List.copyOf(all));
    }

    /** @return how the state changes */
    public StateChange stateChange() {
      return stateChange;
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
  public static final class Failure<R extends Message> extends ValueEffect<R> {
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
