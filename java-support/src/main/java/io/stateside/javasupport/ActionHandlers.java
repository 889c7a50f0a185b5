package io.stateside.javasupport;

import akka.NotUsed;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Message;
import java.util.concurrent.CompletionStage;

/**
 * The handlers of an action's methods, one per call shape. Streams are Akka Streams
 * {@link Source}s: the library serves the protocol with akka-grpc, so a handler's stream is
 * joined to the proxy's call as it is, with backpressure and cancellation both ways; a
 * {@code java.util.concurrent.Flow.Publisher} converts with
 * {@code akka.stream.javadsl.JavaFlowSupport.Source.fromPublisher}.
 */
public final class ActionHandlers {

  private ActionHandlers() {}

  /** The common supertype, so an action keeps one handler per method whatever its shape. */
  sealed interface Handler<C, R extends Message> permits Unary, StreamedOut, StreamedIn, Streamed {}

  /**
   * A unary method: one request, one effect.
   *
   * @param <C> the request type
   * @param <R> the reply type
   */
  @FunctionalInterface
  public non-sealed interface Unary<C, R extends Message> extends Handler<C, R> {
    ActionEffect<R> handle(C command, ActionContext context);
  }

  /**
   * A server-streaming method: one request, a stream of effects, each one reply (or none).
   *
   * @param <C> the request type
   * @param <R> the reply type
   */
  @FunctionalInterface
  public non-sealed interface StreamedOut<C, R extends Message> extends Handler<C, R> {
    Source<ActionEffect<R>, ?> handle(C command, ActionContext context);
  }

  /**
   * A client-streaming method: a stream of requests, one effect. The handler gives the sink the
   * library runs the call's requests into (for example {@code Sink.fold}); the effect is what the
   * sink completes with.
   *
   * @param <C> the request type
   * @param <R> the reply type
   */
  @FunctionalInterface
  public non-sealed interface StreamedIn<C, R extends Message> extends Handler<C, R> {
    Sink<C, CompletionStage<ActionEffect<R>>> handle(ActionContext context);
  }

  /**
   * A bidirectional method: a stream of requests, a stream of effects.
   *
   * @param <C> the request type
   * @param <R> the reply type
   */
  @FunctionalInterface
  public non-sealed interface Streamed<C, R extends Message> extends Handler<C, R> {
    Source<ActionEffect<R>, ?> handle(Source<C, NotUsed> commands, ActionContext context);
  }
}
