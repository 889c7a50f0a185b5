package io.stateside.javasupport;

import akka.NotUsed;
import akka.japi.pf.PFBuilder;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Reply;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.concurrent.PlainFutures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method of an action, bound to its handler: parses the requests, runs the handler and turns
 * its effects into protocol responses. An exception from user code becomes a failure the client
 * sees as {@code UNKNOWN} without the exception's text, which is logged here instead.
 */
final class ActionMethod<C extends Message, R extends Message> {

  private static final Logger log = LoggerFactory.getLogger(ActionMethod.class);

  private final String name;
  private final MessageType<C> input;
  private final MessageType<R> output;
  private final ActionHandlers.Handler<C, R> handler;

  ActionMethod(String name, MessageType<C> input, MessageType<R> output, ActionHandlers.Handler<C, R> handler) {
    this.name = name;
    this.input = input;
    this.output = output;
    this.handler = handler;
  }

  CompletionStage<ActionResponse> unary(Any payload, ActionContext context) {
    if (!(handler instanceof ActionHandlers.Unary<C, R> unary)) {
      return CompletableFuture.completedFuture(wrongShape("unary"));
    }
    try {
      return CompletableFuture.completedFuture(encode(unary.handle(parse(payload), context)));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(e));
    }
  }

  Source<ActionResponse, NotUsed> streamedOut(Any payload, ActionContext context) {
    if (!(handler instanceof ActionHandlers.StreamedOut<C, R> streamedOut)) {
      return Source.single(wrongShape("server-streaming"));
    }
    try {
      return encoded(streamedOut.handle(parse(payload), context));
    } catch (RuntimeException e) {
      return Source.single(failed(e));
    }
  }

  CompletionStage<ActionResponse> streamedIn(Source<Any, NotUsed> payloads, ActionContext context, Materializer materializer) {
    if (!(handler instanceof ActionHandlers.StreamedIn<C, R> streamedIn)) {
      return CompletableFuture.completedFuture(wrongShape("client-streaming"));
    }
    try {
      return PlainFutures.of(payloads.map(this::parse).runWith(streamedIn.handle(context), materializer))
          .thenApply(this::encode)
          .exceptionally(this::failed);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(e));
    }
  }

  Source<ActionResponse, NotUsed> streamed(Source<Any, NotUsed> payloads, ActionContext context) {
    if (!(handler instanceof ActionHandlers.Streamed<C, R> streamed)) {
      return Source.single(wrongShape("bidirectional"));
    }
    try {
      return encoded(streamed.handle(payloads.map(this::parse), context));
    } catch (RuntimeException e) {
      return Source.single(failed(e));
    }
  }

  /** The effects as responses; a failing stream ends with a failure response. */
  private Source<ActionResponse, NotUsed> encoded(Source<ActionEffect<R>, ?> effects) {
    if (effects == null) {
      throw new IllegalStateException("The handler of " + name + " returned null");
    }
    return effects
        .map(this::encode)
        .recover(new PFBuilder<Throwable, ActionResponse>().matchAny(this::failed).build())
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private C parse(Any payload) {
    if (!input.matches(payload)) {
      throw new RejectedCommandException(name + " expects " + input.fullName() + ", got " + payload.getTypeUrl());
    }
    try {
      return input.parse(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new RejectedCommandException("Malformed " + input.fullName() + ": " + e.getMessage());
    }
  }

  private ActionResponse encode(ActionEffect<R> effect) {
    if (effect == null) {
      throw new IllegalStateException("The handler of " + name + " returned a null effect");
    }
    ActionResponse.Builder response = ActionResponse.newBuilder()
        .addAllSideEffects(ProtocolReplies.sideEffects(effect.sideEffects()));
    if (effect.failure().isPresent()) {
      return response.setFailure(Failure.newBuilder().setDescription(effect.failure().get())).build();
    }
    effect.answer().ifPresent(answer -> {
      CommandRoute.checkAnswer(output, name, answer);
      if (answer instanceof Answer.Reply reply) {
        Reply.Builder encoded = Reply.newBuilder().setPayload(MessageType.pack(reply.message()));
        io.stateside.protocol.Metadata metadata = effect.replyMetadata().toProtocol();
        // Without entries the field stays unset, as other libraries send it.
        if (metadata.getEntriesCount() > 0) {
          encoded.setMetadata(metadata);
        }
        response.setReply(encoded);
      } else {
        response.setForward(ProtocolReplies.clientAction(answer).getForward());
      }
    });
    return response.build();
  }

  private ActionResponse wrongShape(String calledAs) {
    return failed(new RejectedCommandException(name + " was called as " + calledAs + " but is not"));
  }

  private ActionResponse failed(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String description;
    if (cause instanceof RejectedCommandException) {
      log.warn("Rejected call of {}: {}", name, cause.getMessage());
      description = cause.getMessage();
    } else {
      log.error("Action {} failed", name, cause);
      description = "Unexpected error in " + name;
    }
    return ActionResponse.newBuilder().setFailure(Failure.newBuilder().setDescription(description)).build();
  }
}
