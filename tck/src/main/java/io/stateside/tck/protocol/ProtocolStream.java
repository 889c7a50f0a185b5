package io.stateside.tck.protocol;

import static io.stateside.tck.scenario.Show.show;

import akka.NotUsed;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.SinkQueueWithCancel;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One bidirectional protocol stream to the user function, driven step by step: the TCK sends
 * what a proxy would and expects the user function's answers in order.
 *
 * @param <I> what the proxy sends
 * @param <O> what the user function answers
 */
public final class ProtocolStream<I, O> implements AutoCloseable {

  private final BoundedSourceQueue<I> toUserFunction;
  private final SinkQueueWithCancel<O> fromUserFunction;
  private final Duration timeout;

  private ProtocolStream(BoundedSourceQueue<I> toUserFunction, SinkQueueWithCancel<O> fromUserFunction, Duration timeout) {
    this.toUserFunction = toUserFunction;
    this.fromUserFunction = fromUserFunction;
    this.timeout = timeout;
  }

  /**
   * Opens a stream.
   *
   * @param call the generated client's streaming method, such as {@code EventSourcedClient::handle}
   */
  public static <I, O> ProtocolStream<I, O> open(
      Function<Source<I, NotUsed>, Source<O, NotUsed>> call, Materializer materializer, Duration timeout) {
    Pair<BoundedSourceQueue<I>, Source<I, NotUsed>> queue = Source.<I>queue(256).preMaterialize(materializer);
    SinkQueueWithCancel<O> answers = call.apply(queue.second()).runWith(Sink.queue(), materializer);
    return new ProtocolStream<>(queue.first(), answers, timeout);
  }

  public ProtocolStream<I, O> send(I message) {
    QueueOfferResult result = toUserFunction.offer(message);
    if (result != QueueOfferResult.enqueued()) {
      throw new AssertionError("could not send " + show(message) + " to the user function: the stream is " + result);
    }
    return this;
  }

  /**
   * Expects the user function's next message to be exactly {@code expected}, payloads compared as
   * messages ({@link Payloads}).
   */
  public ProtocolStream<I, O> expect(O expected) {
    O actual = next();
    if (!Objects.equals(Payloads.canonicalValue(expected), Payloads.canonicalValue(actual))) {
      throw new AssertionError("the user function answered " + show(actual) + " where " + show(expected) + " was expected");
    }
    return this;
  }

  /** The user function's next message; fails if the stream ends or nothing comes in time. */
  public O next() {
    return pull().orElseThrow(() -> new AssertionError("the user function closed the stream where a message was expected"));
  }

  /** Ends what the TCK sends, as a client half-closes a streamed call; answers may still come. */
  public ProtocolStream<I, O> complete() {
    toUserFunction.complete();
    return this;
  }

  /** Ends the stream as a proxy does when it passivates an entity, and expects the user function to end it too. */
  public void passivate() {
    toUserFunction.complete();
    expectClosed();
  }

  /** Expects the user function to end the stream, with nothing more. */
  public void expectClosed() {
    pull().ifPresent(extra -> {
      throw new AssertionError("the user function sent " + show(extra) + " where the stream should end");
    });
  }

  private Optional<O> pull() {
    try {
      return fromUserFunction.pull().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the user function sent nothing within " + timeout);
    } catch (ExecutionException e) {
      throw new AssertionError("the stream failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Drops the stream, whatever state it is in. */
  @Override
  public void close() {
    fromUserFunction.cancel();
    try {
      toUserFunction.complete();
    } catch (IllegalStateException alreadyEnded) {
      // Ended by passivate() or by the user function: nothing left to close.
    }
  }
}
