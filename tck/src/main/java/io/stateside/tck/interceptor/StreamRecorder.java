package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Every stream of one protocol service that crossed the interceptor, in the order they opened. */
public final class StreamRecorder<I, O> {

  private final UnaryOperator<I> comparable;
  private final Duration timeout;
  private final List<RecordedStream<I, O>> streams = new ArrayList<>();

  /**
   * @param comparable strips what scenarios do not compare from the proxy's messages
   * @param timeout how long an expectation on a stream waits for its message
   */
  StreamRecorder(UnaryOperator<I> comparable, Duration timeout) {
    this.comparable = comparable;
    this.timeout = timeout;
  }

  /**
   * Forwards one stream from the proxy to the user function ({@code handle}) and its answers
   * back, recording both directions; {@code keyOf} names the stream from the message that opens
   * it (its init).
   */
  Source<O, NotUsed> relay(Source<I, NotUsed> fromProxy, Function<I, Optional<StreamKey>> keyOf,
      Function<Source<I, NotUsed>, Source<O, NotUsed>> handle) {
    RecordedStream<I, O> stream = open();
    Source<I, NotUsed> toUserFunction = fromProxy
        .map(message -> {
          keyOf.apply(message).ifPresent(stream::identify);
          stream.recordFromProxy(message);
          return message;
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.proxySideEnded(error));
          return notUsed;
        });
    return handle.apply(toUserFunction)
        // Failing here keeps the message from the proxy and ends both directions.
        .map(message -> stream.recordFromUserFunction(message)
            .orElseThrow(() -> new IllegalStateException("the TCK broke this stream on purpose")))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.userFunctionSideEnded(error));
          return notUsed;
        });
  }

  RecordedStream<I, O> open() {
    synchronized (this) {
      RecordedStream<I, O> stream = new RecordedStream<>(this, timeout, comparable);
      streams.add(stream);
      return stream;
    }
  }

  /**
   * Waits for the {@code index}-th stream (from 0) opened for the entity.
   *
   * @throws AssertionError if it does not open in time
   */
  public RecordedStream<I, O> await(StreamKey key, int index) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      try {
        while (true) {
          List<RecordedStream<I, O>> matching = streams(key::equals);
          if (matching.size() > index) {
            return matching.get(index);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("the proxy opened " + matching.size() + " stream(s) for " + key
                + " within " + timeout.toMillis() + " ms where at least " + (index + 1) + " were expected");
          }
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * Waits for the first stream, in the order they opened, that {@code wanted} accepts; for
   * streams a key alone does not tell apart.
   *
   * @param wanted judges a stream by what it carried so far; it is asked again as messages come
   * @param what the stream, as a failure names it
   * @throws AssertionError if none is accepted in time
   */
  public RecordedStream<I, O> awaitFirst(Predicate<RecordedStream<I, O>> wanted, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      try {
        while (true) {
          Optional<RecordedStream<I, O>> found = streams.stream().filter(wanted).findFirst();
          if (found.isPresent()) {
            return found.get();
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("the proxy opened no " + what + " within " + timeout.toMillis() + " ms");
          }
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** The identified streams whose entity matches. */
  public List<RecordedStream<I, O>> streams(Predicate<StreamKey> filter) {
    synchronized (this) {
      return streams.stream().filter(s -> s.key().filter(filter).isPresent()).toList();
    }
  }
}
