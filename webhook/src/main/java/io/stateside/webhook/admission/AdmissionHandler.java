package io.stateside.webhook.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mutate}: one AdmissionReview in, one AdmissionReview out, and one log line for each.
 * A body that is no review to answer gets a 400 with the reason in plain text (the API server
 * then applies the webhook's failurePolicy).
 */
public final class AdmissionHandler implements HttpHandler {

  public static final String PATH = "/mutate";
  /** Above the API server's own limit on an object (3 MiB), so no real review is cut off. */
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(AdmissionHandler.class);

  private final AdmissionReviews reviews;
  private final AdmissionController controller;

  public AdmissionHandler(AdmissionReviews reviews, AdmissionController controller) {
    this.reviews = reviews;
    this.controller = controller;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(PATH) || !exchange.getRequestMethod().equals("POST")) {
        log.warn("Refused {} {} from {}: the webhook answers POST {}", exchange.getRequestMethod(), path,
            exchange.getRemoteAddress(), PATH);
        sendText(exchange, path.equals(PATH) ? 405 : 404, "the webhook answers POST " + PATH);
      } else {
        answer(exchange);
      }
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      log.warn("Refused an AdmissionReview from {}: larger than {} bytes", exchange.getRemoteAddress(), MAX_BODY_BYTES);
      sendText(exchange, 413, "the AdmissionReview is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    AdmissionRequest request;
    try {
      request = reviews.read(body);
    } catch (MalformedReviewException e) {
      log.warn("Refused a malformed AdmissionReview from {}: {}", exchange.getRemoteAddress(), e.getMessage());
      sendText(exchange, 400, "malformed AdmissionReview: " + e.getMessage());
      return;
    }
    AdmissionResponse response;
    try {
      response = controller.review(request);
    } catch (RuntimeException e) {
      log.error("Review {} of {} {} failed", request.uid(), request.kind(), request.where(), e);
      sendText(exchange, 500, "the webhook failed to review this request: " + e);
      return;
    }
    log.info("Review {}: {} {} {}: {}", request.uid(), request.operation(), request.kind(), request.where(),
        response.summary());
    send(exchange, 200, "application/json", reviews.answer(request.uid(), response));
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
