package io.stateside.javasupport;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.GrpcProtocol.GrpcProtocolReader;
import akka.grpc.ProtobufSerializer;
import akka.grpc.Trailers;
import akka.grpc.javadsl.GrpcExceptionHandler;
import akka.grpc.javadsl.GrpcMarshalling;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.japi.function.Function;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.concurrent.PlainFutures;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves {@code cloudstate.action.ActionProtocol} over HTTP, in place of akka-grpc's generated
 * handler: that one chains the call on the stage that reads a unary request's body, a stage from
 * Akka's Java API, and with fewer than three CPUs every stage chained on those without an executor
 * starts a thread. Here the body's message is taken off that stage first, so a call runs on the
 * threads that read it, as each event delivered to a subscribing action is such a call.
 */
final class ActionProtocolHandler implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final CompletionStage<HttpResponse> NOT_FOUND =
      CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.NOT_FOUND));
  private static final CompletionStage<HttpResponse> UNSUPPORTED_MEDIA_TYPE =
      CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE));
  private static final ProtobufSerializer<ActionCommand> COMMANDS = ActionProtocol.Serializers.ActionCommandSerializer;
  private static final ProtobufSerializer<ActionResponse> RESPONSES = ActionProtocol.Serializers.ActionResponseSerializer;

  private final ActionProtocol actions;
  private final Materializer materializer;
  private final akka.japi.Function<ActorSystem, akka.japi.Function<Throwable, Trailers>> errors;
  private final ActorSystem system;

  ActionProtocolHandler(ActionProtocol actions, Materializer materializer,
      akka.japi.Function<ActorSystem, akka.japi.Function<Throwable, Trailers>> errors, ActorSystem system) {
    this.actions = actions;
    this.materializer = materializer;
    this.errors = errors;
    this.system = system;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    Iterator<String> segments = request.getUri().pathSegments().iterator();
    if (!segments.hasNext() || !segments.next().equals(ActionProtocol.name) || !segments.hasNext()) {
      return NOT_FOUND;
    }
    String method = segments.next();
    if (segments.hasNext()) {
      return NOT_FOUND;
    }
    return GrpcMarshalling.negotiated(request, (reader, writer) -> {
      CompletionStage<HttpResponse> response = switch (method) {
        case "handleUnary" -> command(request, reader)
            .thenCompose(actions::handleUnary)
            .thenApply(reply -> GrpcMarshalling.marshal(reply, RESPONSES, writer, system, errors));
        case "handleStreamedOut" -> command(request, reader)
            .thenApply(command -> GrpcMarshalling.marshalStream(actions.handleStreamedOut(command), RESPONSES, writer, system, errors));
        case "handleStreamedIn" -> commands(request, reader)
            .thenCompose(actions::handleStreamedIn)
            .thenApply(reply -> GrpcMarshalling.marshal(reply, RESPONSES, writer, system, errors));
        case "handleStreamed" -> commands(request, reader)
            .thenApply(commands -> GrpcMarshalling.marshalStream(actions.handleStreamed(commands), RESPONSES, writer, system, errors));
        default -> CompletableFuture.failedFuture(new UnsupportedOperationException("Not implemented: " + method));
      };
      return response.exceptionally(error -> GrpcExceptionHandler.standard(error, errors, writer, system));
    }).orElse(UNSUPPORTED_MEDIA_TYPE);
  }

  /** A unary request's one command, on a plain future. */
  private CompletableFuture<ActionCommand> command(HttpRequest request, GrpcProtocolReader reader) {
    return PlainFutures.of(GrpcMarshalling.unmarshal(request.entity(), COMMANDS, materializer, reader));
  }

  /** A streamed request's commands; akka-grpc hands them over on a plain, completed future. */
  private CompletionStage<Source<ActionCommand, NotUsed>> commands(HttpRequest request, GrpcProtocolReader reader) {
    return GrpcMarshalling.unmarshalStream(request.entity(), COMMANDS, materializer, reader);
  }
}
