package io.stateside.proxy.frontend.http;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.StatusCodes;
import akka.japi.function.Function;
import akka.japi.pf.PFBuilder;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.config.ProxySettings;
import io.stateside.proxy.frontend.RequestMetadata;
import io.stateside.proxy.frontend.ResponseHeaders;
import io.stateside.proxy.frontend.StatusMapper;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.Deadline;
import io.stateside.proxy.routing.MethodRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Serves the user's methods as HTTP/JSON by their bindings: the request becomes the method's
 * input message, goes through the same routing as a gRPC call, and the reply comes back as JSON.
 * A server-streaming method answers newline-delimited JSON, or Server-Sent Events for a client
 * that accepts {@code text/event-stream}. Everything per method is built once, here.
 */
public final class HttpJsonFrontend implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final ContentType NDJSON =
      MediaTypes.applicationWithFixedCharset("x-ndjson", akka.http.javadsl.model.HttpCharsets.UTF_8, "ndjson")
          .toContentType();
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
  private static final ContentType EVENT_STREAM = MediaTypes.TEXT_EVENT_STREAM.toContentType();

  /** One binding, ready to serve. */
  private record Served(HttpBinding binding, MethodRoute route, RequestTranscoder request, ResponseTranscoder response) {}

  private final Map<String, List<Served>> byHttpMethod;
  private final CommandRouter router;
  private final Duration timeout;
  private final long maxBodySize;
  private final Materializer materializer;

  private HttpJsonFrontend(Map<String, List<Served>> byHttpMethod, CommandRouter router, ProxySettings settings,
                           ActorSystem system) {
    this.byHttpMethod = Map.copyOf(byHttpMethod);
    this.router = router;
    this.timeout = settings.requestTimeout();
    this.maxBodySize = settings.limits().maxMessageSize();
    this.materializer = Materializer.matFromSystem(system);
  }

  /** Serves the bindings of the given services (checked at discovery) through the router. */
  public static HttpJsonFrontend of(Collection<ServiceDescriptor> services, CommandRouter router,
                                    ProxySettings settings, ActorSystem system) {
    HttpRules rules = HttpRules.of(services);
    if (!rules.problems().isEmpty()) {
      throw new IllegalStateException("HTTP rules that discovery should have refused: " + rules.problems());
    }
    JsonFormat.TypeRegistry types = typeRegistry(services);
    Map<String, List<Served>> byHttpMethod = new HashMap<>();
    for (HttpBinding binding : rules.bindings()) {
      MethodRoute route = router.find(binding.method().getService().getFullName(), binding.method().getName())
          .orElseThrow(() -> new IllegalStateException("no route for " + binding.method().getFullName()));
      byHttpMethod.computeIfAbsent(binding.httpMethod(), m -> new ArrayList<>()).add(new Served(
          binding, route, new RequestTranscoder(binding, types), new ResponseTranscoder(binding, types)));
    }
    Comparator<Served> mostSpecificFirst = Comparator.comparing(s -> s.binding().template(), PathTemplate.MOST_SPECIFIC_FIRST);
    byHttpMethod.replaceAll((method, served) -> served.stream().sorted(mostSpecificFirst).toList());
    return new HttpJsonFrontend(byHttpMethod, router, settings, system);
  }

  /** Every message of the files defining the methods' messages and of their imports, so that {@code Any} fields print and parse. */
  private static JsonFormat.TypeRegistry typeRegistry(Collection<ServiceDescriptor> services) {
    JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
    // Adding a message type adds every type of its file and of the files that file imports.
    services.stream().flatMap(service -> service.getMethods().stream())
        .flatMap(method -> java.util.stream.Stream.of(method.getInputType(), method.getOutputType()))
        .forEach(types::add);
    return types.build();
  }

  /** The HTTP methods of custom rules that HTTP itself does not define, which the server must be told to accept. */
  public Set<String> customMethods() {
    Set<String> custom = new TreeSet<>(byHttpMethod.keySet());
    custom.removeAll(STANDARD_METHODS);
    return custom;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    List<String> path = new ArrayList<>();
    request.getUri().pathSegments().forEach(path::add);
    for (Served served : byHttpMethod.getOrDefault(request.method().name(), List.of())) {
      Optional<Map<String, String>> values = served.binding().template().match(path);
      if (values.isPresent()) {
        return serve(served, values.get(), request);
      }
    }
    return CompletableFuture.completedFuture(HttpErrors.response(StatusCodes.NOT_FOUND, StatusMapper.answered(
        Status.NOT_FOUND.withDescription("no HTTP binding for " + request.method().name() + " "
            + request.getUri().path()).asRuntimeException())));
  }

  private CompletionStage<HttpResponse> serve(Served served, Map<String, String> pathValues, HttpRequest request) {
    Deadline deadline = Deadline.in(timeout);
    // A body that says it is too large is refused without being parsed; one that turns out so, as it is read.
    OptionalLong length = request.entity().getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > maxBodySize) {
      return tooLarge(request, length.getAsLong(), deadline);
    }
    Metadata metadata = RequestMetadata.of(request);
    Map<String, List<String>> query = request.getUri().query().toMultiMap();
    String contentType = request.entity().getContentType().toString();
    return PlainFutures.of(request.entity()
            .toStrict(Math.max(1, deadline.remaining().toMillis()), maxBodySize, materializer))
        .thenCompose(body -> {
          com.google.protobuf.ByteString message =
              served.request().transcode(pathValues, query, body.getData().toArrayUnsafe(), contentType);
          if (served.route().shape().isStreamed()) {
            return CompletableFuture.completedFuture(streamed(served, message, metadata, deadline, request));
          }
          return router.call(served.route(), message, metadata, deadline)
              .thenApply(reply -> HttpResponse.create()
                  .withEntity(served.response().entity(reply.payload()))
                  .addHeaders(ResponseHeaders.of(reply.metadata())));
        })
        .exceptionally(HttpErrors::response);
  }

  /**
   * The 413 for a body declared over the limit, sent once a body of up to twice the limit has
   * been read and dropped. Answered unread, the body is still arriving when akka-http closes the
   * connection, and the reset that closing a socket with unread data sends can destroy the answer
   * before the client reads it (3 of 300 tries on loopback).
   */
  private CompletionStage<HttpResponse> tooLarge(HttpRequest request, long length, Deadline deadline) {
    HttpResponse refusal = HttpErrors.bodyTooLarge(maxBodySize);
    if (length > 2 * maxBodySize) {
      return CompletableFuture.completedFuture(refusal);
    }
    return PlainFutures.of(request.entity().discardBytes(materializer).completionStage())
        .orTimeout(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS)
        .handle((drained, error) -> refusal);
  }

  /** A server-streaming answer: one JSON line or event per reply, and a failure as the last one. */
  private HttpResponse streamed(Served served, com.google.protobuf.ByteString message, Metadata metadata,
                                Deadline deadline, HttpRequest request) {
    boolean events = request.getHeader("accept").map(h -> h.value().contains("text/event-stream")).orElse(false);
    Source<ByteString, NotUsed> body = router.stream(served.route(), Source.single(message), metadata, deadline)
        .map(reply -> frame(events, "", served.response().json(reply)))
        .recover(new PFBuilder<Throwable, ByteString>()
            .matchAny(error -> frame(events, "error", errorJson(events, StatusMapper.answered(error))))
            .build());
    HttpEntity.Chunked entity = HttpEntities.create(events ? EVENT_STREAM : NDJSON, body);
    return HttpResponse.create().withEntity(entity);
  }

  private static String errorJson(boolean events, Status status) {
    return events ? HttpErrors.json(status) : "{\"error\":" + HttpErrors.json(status) + "}";
  }

  private static ByteString frame(boolean events, String event, String json) {
    if (!events) {
      return ByteString.fromString(json + "\n");
    }
    return ByteString.fromString((event.isEmpty() ? "" : "event: " + event + "\n") + "data: " + json + "\n\n");
  }
}
