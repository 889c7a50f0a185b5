package io.stateside.proxy.frontend;

import akka.actor.ActorSystem;
import akka.grpc.GrpcProtocol.GrpcProtocolWriter;
import akka.grpc.javadsl.GrpcExceptionHandler;
import akka.grpc.javadsl.GrpcMarshalling;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.japi.function.Function;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.grpc.Status;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.config.ProxySettings;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.Deadline;
import io.stateside.proxy.routing.MethodRoute;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Serves the user's gRPC methods, unary and streamed, from the descriptors found at discovery.
 * Messages stay as bytes; only the entity key is read from them. Whatever is wrong with one call
 * is answered on that call alone.
 */
public final class GrpcFrontend implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final String ACCEPT_ENCODING = "grpc-accept-encoding";
  private static final String ENCODING = "grpc-encoding";
  private static final CompletionStage<HttpResponse> NOT_GRPC =
      CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE));

  private final CommandRouter router;
  private final Duration defaultTimeout;
  private final Duration maxTimeout;
  private final RequestHeaderCheck headerCheck;
  private final MessageFrameGuard unaryGuard;
  private final MessageFrameGuard streamGuard;
  private final ActorSystem system;
  private final Materializer materializer;
  private final StatusMapper statusMapper = new StatusMapper();

  public GrpcFrontend(CommandRouter router, ProxySettings settings, ActorSystem system) {
    this.router = router;
    this.defaultTimeout = settings.requestTimeout();
    this.maxTimeout = settings.maxRequestTimeout();
    this.headerCheck = new RequestHeaderCheck(settings.limits());
    this.unaryGuard = new MessageFrameGuard(settings.limits().maxMessageSize(), true);
    this.streamGuard = new MessageFrameGuard(settings.limits().maxMessageSize(), false);
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    Optional<Status> refusal = headerCheck.refusal(request);
    // Replies are a few bytes: compressing them costs far more CPU than it saves, and gRPC
    // lets a server answer uncompressed whatever the client accepts. A refused call's own
    // encoding is dropped too, so that akka-grpc does not fail the connection over it.
    HttpRequest negotiable = request.removeHeader(ACCEPT_ENCODING);
    if (refusal.isPresent()) {
      negotiable = negotiable.removeHeader(ENCODING);
    }
    return GrpcMarshalling.negotiated(negotiable, (reader, writer) -> {
      if (refusal.isPresent()) {
        return answer(refusal.get(), writer);
      }
      Optional<MethodRoute> route = routeOf(request);
      if (route.isEmpty()) {
        return answer(Status.UNIMPLEMENTED.withDescription("no method " + request.getUri().path()), writer);
      }
      Deadline deadline = Deadline.in(timeoutOf(request));
      if (route.get().shape().isStreamed()) {
        Source<ByteString, Object> body = guarded(request, streamGuard);
        return GrpcMarshalling.unmarshalStream(body, RawMessageSerializer.INSTANCE, materializer, reader)
            .thenApply(requests -> GrpcMarshalling.marshalStream(
                router.stream(route.get(), requests, RequestMetadata.of(request), deadline),
                RawMessageSerializer.INSTANCE, writer, system, statusMapper));
      }
      Source<ByteString, Object> body = guarded(request, unaryGuard);
      // A body that is still not complete at the deadline must not hold the call open for ever.
      // The wait ends the call, not the body's stream: cancelling the request would make akka-http
      // reset the stream before the status reaches the caller.
      return PlainFutures.of(GrpcMarshalling.unmarshal(body, RawMessageSerializer.INSTANCE, materializer, reader))
          .orTimeout(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)
          .thenCompose(message -> router.call(route.get(), message, RequestMetadata.of(request), deadline))
          .thenApply(reply -> GrpcMarshalling.marshal(reply.payload(), RawMessageSerializer.INSTANCE, writer, system, statusMapper)
              .addHeaders(ResponseHeaders.of(reply.metadata())))
          .exceptionally(error -> GrpcExceptionHandler.standard(error, statusMapper, writer, system));
    }).orElse(NOT_GRPC);
  }

  /**
   * The request body through the guard. A grpc-web-text body is base64 of the frames: the guard
   * reads it decoded, and akka-grpc gets it encoded again, chunk by chunk as it decodes it.
   */
  private static Source<ByteString, Object> guarded(HttpRequest request, MessageFrameGuard guard) {
    Source<ByteString, Object> body = request.entity().getDataBytes();
    return GrpcWebText.isText(request)
        ? body.via(GrpcWebText.decoder()).via(guard).map(ByteString::encodeBase64)
        : body.via(guard);
  }

  private CompletionStage<HttpResponse> answer(Status status, GrpcProtocolWriter writer) {
    return CompletableFuture.completedFuture(
        GrpcExceptionHandler.standard(status.asRuntimeException(), statusMapper, writer, system));
  }

  private Optional<MethodRoute> routeOf(HttpRequest request) {
    Iterator<String> segments = request.getUri().pathSegments().iterator();
    String service = segments.hasNext() ? segments.next() : "";
    String method = segments.hasNext() ? segments.next() : "";
    return segments.hasNext() ? Optional.empty() : router.find(service, method);
  }

  /** The client's grpc-timeout, or the default; never more than the maximum. */
  private Duration timeoutOf(HttpRequest request) {
    Duration timeout = request.getHeader("grpc-timeout")
        .flatMap(header -> GrpcTimeout.parse(header.value()))
        .orElse(defaultTimeout);
    return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
  }
}
