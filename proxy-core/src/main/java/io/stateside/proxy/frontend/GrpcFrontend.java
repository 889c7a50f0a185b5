package io.stateside.proxy.frontend;

import akka.actor.ActorSystem;
import akka.grpc.javadsl.GrpcExceptionHandler;
import akka.grpc.javadsl.GrpcMarshalling;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.japi.function.Function;
import akka.stream.Materializer;
import io.grpc.Status;
import io.stateside.proxy.concurrent.PlainFutures;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.Deadline;
import io.stateside.proxy.routing.MethodRoute;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves the user's unary gRPC methods from the descriptors found at discovery. Messages stay
 * as bytes; only the entity key is read from them.
 */
public final class GrpcFrontend implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final String ACCEPT_ENCODING = "grpc-accept-encoding";
  private static final CompletionStage<HttpResponse> NOT_GRPC =
      CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE));

  private final CommandRouter router;
  private final Duration defaultTimeout;
  private final ActorSystem system;
  private final Materializer materializer;
  private final StatusMapper statusMapper = new StatusMapper();

  public GrpcFrontend(CommandRouter router, Duration defaultTimeout, ActorSystem system) {
    this.router = router;
    this.defaultTimeout = defaultTimeout;
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    // Replies are a few bytes: compressing them costs far more CPU than it saves, and gRPC
    // lets a server answer uncompressed whatever the client accepts.
    HttpRequest uncompressedReply = request.removeHeader(ACCEPT_ENCODING);
    return GrpcMarshalling.negotiated(uncompressedReply, (reader, writer) -> {
      Optional<MethodRoute> route = routeOf(request);
      if (route.isEmpty()) {
        return CompletableFuture.completedFuture(GrpcExceptionHandler.standard(
            Status.UNIMPLEMENTED.withDescription("no method " + request.getUri().path()).asRuntimeException(),
            statusMapper, writer, system));
      }
      Deadline deadline = Deadline.in(timeoutOf(request));
      return PlainFutures.of(GrpcMarshalling.unmarshal(request.entity(), RawMessageSerializer.INSTANCE, materializer, reader))
          .thenCompose(message -> router.call(route.get(), message, RequestMetadata.of(request), deadline))
          .thenApply(reply -> GrpcMarshalling.marshal(reply, RawMessageSerializer.INSTANCE, writer, system, statusMapper))
          .exceptionally(error -> GrpcExceptionHandler.standard(error, statusMapper, writer, system));
    }).orElse(NOT_GRPC);
  }

  private Optional<MethodRoute> routeOf(HttpRequest request) {
    Iterator<String> segments = request.getUri().pathSegments().iterator();
    String service = segments.hasNext() ? segments.next() : "";
    String method = segments.hasNext() ? segments.next() : "";
    return segments.hasNext() ? Optional.empty() : router.find(service, method);
  }

  private Duration timeoutOf(HttpRequest request) {
    return request.getHeader("grpc-timeout")
        .flatMap(header -> GrpcTimeout.parse(header.value()))
        .orElse(defaultTimeout);
  }
}
