package io.stateside.javasupport;

import com.google.protobuf.Message;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The context of a server-streaming command of a {@link CrdtEntity}. Besides what every command
 * can do, when the client called it as a stream ({@link #isStreamed}) the handler may keep the
 * call open: {@link #onChange} is then called after every change of the CRDT (a delta from the
 * proxy, or another command's update) and may send the client a message or end the stream;
 * {@link #onCancel} is called when the client goes away.
 *
 * <pre>{@code
 * if (context.isStreamed()) {
 *   context.onChange(change -> Optional.of(count(change.state(GCounter.class))));
 * }
 * return ActionEffect.reply(count(context.state(GCounter.class)));
 * }</pre>
 *
 * @param <R> the type of the messages streamed to the client
 */
public final class CrdtStreamedContext<R extends Message> extends CrdtContext {

  private final boolean streamed;
  private Function<CrdtChangeContext, Optional<R>> onChange;
  private Consumer<CrdtCancelContext> onCancel;

  CrdtStreamedContext(LiveCrdtEntity entity, CommandContext command, boolean streamed) {
    super(entity, command);
    this.streamed = streamed;
  }

  /** @return whether the client called the method as a stream, so the call can stay open */
  public boolean isStreamed() {
    return streamed;
  }

  /**
   * Keeps the call open and sends the client what {@code callback} returns after each change of
   * the CRDT (nothing when it returns empty). The callback may also end the stream or add side
   * effects through its context. If it throws, the client's call fails and the stream ends.
   *
   * @param callback called after every change, starting with the next one
   * @throws IllegalStateException if the call is not streamed
   */
  public void onChange(Function<CrdtChangeContext, Optional<R>> callback) {
    requireStreamed();
    this.onChange = Objects.requireNonNull(callback, "callback");
  }

  /**
   * Keeps the call open and runs {@code callback} when the client cancels it. The callback may
   * change the CRDT (for example to remove the client from a presence set), delete the entity and
   * add side effects; that is sent to the proxy in answer to the cancellation.
   *
   * @param callback called once, when the client cancels the call
   * @throws IllegalStateException if the call is not streamed
   */
  public void onCancel(Consumer<CrdtCancelContext> callback) {
    requireStreamed();
    this.onCancel = Objects.requireNonNull(callback, "callback");
  }

  private void requireStreamed() {
    if (!streamed) {
      throw new IllegalStateException(commandName() + " was not called as a stream; check isStreamed() first");
    }
  }

  /** Whether the handler keeps the call open. */
  boolean subscribes() {
    return onChange != null || onCancel != null;
  }

  /** The change callback, typed for the library, which checks each message's type itself. */
  Optional<Function<CrdtChangeContext, Optional<? extends Message>>> changeCallback() {
    return Optional.ofNullable(onChange).map(callback -> callback::apply);
  }

  Optional<Consumer<CrdtCancelContext>> cancelCallback() {
    return Optional.ofNullable(onCancel);
  }
}
