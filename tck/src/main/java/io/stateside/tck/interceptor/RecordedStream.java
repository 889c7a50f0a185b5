package io.stateside.tck.interceptor;

import static io.stateside.tck.scenario.Show.show;

import io.stateside.tck.protocol.Payloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One entity stream between the proxy and the user function, as the interceptor saw it: the
 * messages in each direction, in order, and how each direction ended.
 *
 * <p>Scenarios read each direction with a cursor: every {@code expect} consumes the next message
 * of its direction, waiting for it if it has not crossed yet. The directions are independent, so
 * a proxy that sends its next command before the previous reply arrives still passes.
 *
 * @param <I> what the proxy sends
 * @param <O> what the user function answers
 */
public final class RecordedStream<I, O> {

  /**
   * How one direction ended.
   *
   * @param atNanos when the interceptor saw it end ({@link System#nanoTime()})
   * @param error the failure, if it did not end normally
   */
  public record End(long atNanos, Optional<String> error) {}

  /**
   * How the whole stream ended.
   *
   * @param proxySide the end of what the proxy sent
   * @param userFunctionSide the end of what the user function answered
   */
  public record Closure(End proxySide, End userFunctionSide) {

    /** True when the proxy completed its side normally, before the user function ended its own. */
    public boolean closedByProxy() {
      return proxySide.error().isEmpty() && proxySide.atNanos() <= userFunctionSide.atNanos();
    }
  }

  private final Object lock;
  private final Duration timeout;
  private final UnaryOperator<I> comparable;
  private final List<I> fromProxy = new ArrayList<>();
  private final List<O> fromUserFunction = new ArrayList<>();
  private int proxyCursor;
  private int userFunctionCursor;
  private StreamKey key;
  private End proxyEnd;
  private End userFunctionEnd;
  /** What to do with the user function's next message instead of passing it on; null to pass it on. */
  private Function<O, Optional<O>> intervention;

  /**
   * @param lock guards this stream and wakes whoever waits on it; shared with its recorder
   * @param timeout how long an expectation waits for its message
   * @param comparable strips what scenarios do not compare from the proxy's messages
   */
  RecordedStream(Object lock, Duration timeout, UnaryOperator<I> comparable) {
    this.lock = lock;
    this.timeout = timeout;
    this.comparable = comparable;
  }

  // --- recording, called by the interceptor as messages cross

  void identify(StreamKey key) {
    synchronized (lock) {
      if (this.key == null) {
        this.key = key;
        lock.notifyAll();
      }
    }
  }

  void recordFromProxy(I message) {
    synchronized (lock) {
      fromProxy.add(message);
      lock.notifyAll();
    }
  }

  /**
   * Records the user function's message.
   *
   * @return what to pass on to the proxy; empty when the scenario asked to break the stream instead
   */
  Optional<O> recordFromUserFunction(O message) {
    synchronized (lock) {
      fromUserFunction.add(message);
      lock.notifyAll();
      Function<O, Optional<O>> once = intervention;
      intervention = null;
      return once == null ? Optional.of(message) : once.apply(message);
    }
  }

  void proxySideEnded(Throwable error) {
    synchronized (lock) {
      if (proxyEnd == null) {
        proxyEnd = new End(System.nanoTime(), Optional.ofNullable(error).map(Throwable::toString));
        lock.notifyAll();
      }
    }
  }

  void userFunctionSideEnded(Throwable error) {
    synchronized (lock) {
      if (userFunctionEnd == null) {
        userFunctionEnd = new End(System.nanoTime(), Optional.ofNullable(error).map(Throwable::toString));
        lock.notifyAll();
      }
    }
  }

  // --- reading, called by scenarios

  /** The entity the stream is for; empty until the proxy has sent its init. */
  public Optional<StreamKey> key() {
    synchronized (lock) {
      return Optional.ofNullable(key);
    }
  }

  /** Expects the proxy's next message on this stream to be {@code expected}. */
  public RecordedStream<I, O> expectFromProxy(I expected) {
    I actual = nextFromProxy();
    if (!Objects.equals(Payloads.canonicalValue(comparable.apply(expected)), Payloads.canonicalValue(actual))) {
      throw new AssertionError(this + ": the proxy sent " + show(actual) + " where " + show(expected) + " was expected");
    }
    return this;
  }

  /** Expects the user function's next message on this stream to be {@code expected}. */
  public RecordedStream<I, O> expectFromUserFunction(O expected) {
    O actual = nextFromUserFunction();
    if (!Objects.equals(Payloads.canonicalValue(expected), Payloads.canonicalValue(actual))) {
      throw new AssertionError(this + ": the user function answered " + show(actual) + " where " + show(expected)
          + " was expected");
    }
    return this;
  }

  /** The proxy's next message, as scenarios compare it. */
  public I nextFromProxy() {
    return comparable.apply(nextFromProxyAsSent());
  }

  /**
   * The proxy's next message as it was sent, with what scenarios usually leave out of comparisons
   * (a command's metadata): for scenarios that look at that too.
   */
  public I nextFromProxyAsSent() {
    synchronized (lock) {
      awaitUntil(() -> proxyCursor < fromProxy.size() || proxyEnd != null, timeout, "a message from the proxy");
      if (proxyCursor >= fromProxy.size()) {
        throw new AssertionError(this + ": the proxy ended the stream where a message was expected");
      }
      return fromProxy.get(proxyCursor++);
    }
  }

  /** The proxy's first message as it was sent, if it has sent one yet; reading it consumes nothing. */
  public Optional<I> firstFromProxyAsSent() {
    synchronized (lock) {
      return fromProxy.isEmpty() ? Optional.empty() : Optional.of(fromProxy.get(0));
    }
  }

  /** The user function's next message. */
  public O nextFromUserFunction() {
    synchronized (lock) {
      awaitUntil(() -> userFunctionCursor < fromUserFunction.size() || userFunctionEnd != null, timeout,
          "a message from the user function");
      if (userFunctionCursor >= fromUserFunction.size()) {
        throw new AssertionError(this + ": the user function ended the stream where a message was expected");
      }
      return fromUserFunction.get(userFunctionCursor++);
    }
  }

  /** Waits at most {@code limit} for both directions to end, and expects no message the scenario has not consumed. */
  public Closure expectClosed(Duration limit) {
    synchronized (lock) {
      awaitUntil(() -> proxyEnd != null && userFunctionEnd != null, limit, "the stream to end");
      List<Object> unexpected = unconsumed();
      if (!unexpected.isEmpty()) {
        throw new AssertionError(this + " ended after unexpected messages: " + show(unexpected));
      }
      return new Closure(proxyEnd, userFunctionEnd);
    }
  }

  /**
   * Makes the interceptor withhold the user function's next message from the proxy and break the
   * stream instead, as if the connection failed just before the answer arrived. The message is
   * still recorded as sent by the user function.
   */
  public void breakAtNextAnswer() {
    synchronized (lock) {
      intervention = message -> Optional.empty();
    }
  }

  /**
   * Makes the interceptor pass the user function's next message on to the proxy changed by
   * {@code rewrite}, to see how the proxy handles an answer the user function under test does not
   * give. The original message is recorded as sent by the user function.
   */
  public void rewriteNextAnswer(UnaryOperator<O> rewrite) {
    synchronized (lock) {
      intervention = message -> Optional.of(rewrite.apply(message));
    }
  }

  /** Messages that crossed but no scenario expected yet. */
  public List<Object> unconsumed() {
    synchronized (lock) {
      List<Object> rest = new ArrayList<>();
      fromProxy.subList(proxyCursor, fromProxy.size()).forEach(m -> rest.add(comparable.apply(m)));
      rest.addAll(fromUserFunction.subList(userFunctionCursor, fromUserFunction.size()));
      return rest;
    }
  }

  @Override
  public String toString() {
    return "stream of " + key().map(StreamKey::toString).orElse("an entity not yet initialised");
  }

  private interface Condition {
    boolean holds();
  }

  private void awaitUntil(Condition condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (!condition.holds()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(this + ": waited " + limit.toMillis() + " ms for " + what);
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
