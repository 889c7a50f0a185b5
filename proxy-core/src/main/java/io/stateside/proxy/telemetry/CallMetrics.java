package io.stateside.proxy.telemetry;

import akka.http.javadsl.model.AttributeKeys;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.javadsl.Source;
import io.grpc.Status;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the frontend's calls by service, method and gRPC status, with their latency, around the
 * frontend's request handler. The status is read where gRPC puts it: in the response headers of
 * a trailers-only answer, else in the response's trailer attribute (a strict unary answer) or the
 * trailer that ends the response stream; the latency runs
 * until then. Paths that name no method the user function serves count as service and method
 * {@code unknown}, so a scanner cannot blow up the number of series.
 */
public final class CallMetrics implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final String UNKNOWN = "unknown";

  private final Function<HttpRequest, CompletionStage<HttpResponse>> frontend;
  private final BiPredicate<String, String> served;
  private final ProxyMetrics metrics;

  /**
   * @param served whether a service and method name one of the user's methods
   */
  public CallMetrics(Function<HttpRequest, CompletionStage<HttpResponse>> frontend,
                     BiPredicate<String, String> served, ProxyMetrics metrics) {
    this.frontend = frontend;
    this.served = served;
    this.metrics = metrics;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) throws Exception {
    long start = System.nanoTime();
    Iterator<String> segments = request.getUri().pathSegments().iterator();
    String service = segments.hasNext() ? segments.next() : "";
    String method = segments.hasNext() ? segments.next() : "";
    if (segments.hasNext() || !served.test(service, method)) {
      service = UNKNOWN;
      method = UNKNOWN;
    }
    String s = service;
    String m = method;
    return frontend.apply(request)
        .thenApply(response -> observed(response, s, m, start))
        .whenComplete((response, error) -> {
          if (error != null) {
            metrics.callAnswered(s, m, Status.Code.INTERNAL.name(), System.nanoTime() - start);
          }
        });
  }

  private HttpResponse observed(HttpResponse response, String service, String method, long start) {
    Optional<String> status = grpcStatus(response.getHeaders());
    if (status.isPresent()) {
      metrics.callAnswered(service, method, status.get(), System.nanoTime() - start);
      return response;
    }
    // A strict unary answer carries its trailer as a response attribute (HTTP/2).
    Optional<akka.http.javadsl.model.Trailer> trailer = response.getAttribute(AttributeKeys.trailer);
    if (trailer.isPresent() && trailer.get() instanceof akka.http.scaladsl.model.Trailer scalaTrailer) {
      String code = Status.Code.UNKNOWN.name();
      for (scala.Tuple2<String, String> header : CollectionConverters.asJava(scalaTrailer.headers())) {
        if (header._1().equalsIgnoreCase("grpc-status")) {
          code = statusName(header._2());
        }
      }
      metrics.callAnswered(service, method, code, System.nanoTime() - start);
      return response;
    }
    if (response.entity() instanceof akka.http.scaladsl.model.HttpEntity.Chunked chunked) {
      AtomicBoolean counted = new AtomicBoolean();
      Source<akka.http.scaladsl.model.HttpEntity.ChunkStreamPart, Object> chunks = chunked.chunks().asJava()
          .map(chunk -> {
            if (chunk.isLastChunk() && counted.compareAndSet(false, true)) {
              metrics.callAnswered(service, method,
                  grpcStatus(chunk.getTrailerHeaders()).orElse(Status.Code.OK.name()), System.nanoTime() - start);
            }
            return chunk;
          })
          .watchTermination((mat, done) -> {
            done.whenComplete((ok, failed) -> {
              if (counted.compareAndSet(false, true)) {
                // The response stream ended without a trailer: the client went away or it broke.
                metrics.callAnswered(service, method,
                    (failed == null ? Status.Code.UNKNOWN : Status.Code.CANCELLED).name(), System.nanoTime() - start);
              }
            });
            return mat;
          });
      return response.withEntity(
          akka.http.scaladsl.model.HttpEntity.Chunked$.MODULE$.apply(chunked.contentType(), chunks.asScala()));
    }
    // Not gRPC at all (no status anywhere), e.g. a plain HTTP request refused with 415.
    metrics.callAnswered(service, method, "http_" + response.status().intValue(), System.nanoTime() - start);
    return response;
  }

  private static Optional<String> grpcStatus(Iterable<HttpHeader> headers) {
    for (HttpHeader header : headers) {
      if (header.is("grpc-status")) {
        return Optional.of(statusName(header.value()));
      }
    }
    return Optional.empty();
  }

  private static String statusName(String value) {
    try {
      return Status.fromCodeValue(Integer.parseInt(value.trim())).getCode().name();
    } catch (NumberFormatException e) {
      return Status.Code.UNKNOWN.name();
    }
  }
}
