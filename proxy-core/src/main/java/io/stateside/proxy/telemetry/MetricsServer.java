package io.stateside.proxy.telemetry;

import akka.actor.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.HttpEntities;
import akka.util.ByteString;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;

/** Serves the node's metrics in the Prometheus text format at {@code /metrics}. */
public final class MetricsServer {

  private static final ContentType TEXT = ContentTypes.parse(PrometheusTextFormatWriter.CONTENT_TYPE);

  private MetricsServer() {}

  public static CompletionStage<ServerBinding> bind(ActorSystem system, ProxyMetrics metrics, String host, int port) {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    return Http.get(system).newServerAt(host, port)
        .bindSync((HttpRequest request) -> {
          if (!request.getUri().path().equals("/metrics")) {
            return HttpResponse.create().withStatus(StatusCodes.NOT_FOUND).withEntity("Metrics are at /metrics\n");
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
          try {
            writer.write(out, metrics.registry().scrape());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return HttpResponse.create().withEntity(HttpEntities.create(TEXT, ByteString.fromArray(out.toByteArray())));
        });
    // Not unbound at shutdown: the last scrape still sees the node leave. It closes with the system.
  }
}
