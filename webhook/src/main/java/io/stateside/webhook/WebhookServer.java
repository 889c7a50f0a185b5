package io.stateside.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.stateside.webhook.admission.AdmissionHandler;
import io.stateside.webhook.admission.AdmissionReviews;
import io.stateside.webhook.injection.SidecarInjector;
import io.stateside.webhook.tls.PemServerTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS server (the JDK's own): {@code POST /mutate} for the API server and
 * {@code GET /healthz} for the webhook's probes.
 */
public final class WebhookServer implements AutoCloseable {

  /** Reviews are quick and the API server waits for each (timeoutSeconds): a few threads are plenty. */
  private static final int THREADS = 4;
  private static final int STOP_GRACE_SECONDS = 2;
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  private final HttpsServer server;
  private final ExecutorService executor;

  private WebhookServer(HttpsServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static WebhookServer start(WebhookSettings settings) throws IOException, GeneralSecurityException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(settings.bindHost(), settings.port()), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(
        PemServerTls.context(settings.certificateFile(), settings.privateKeyFile())));
    server.createContext(AdmissionHandler.PATH,
        new AdmissionHandler(new AdmissionReviews(new ObjectMapper()), new SidecarInjector(settings.sidecar())));
    server.createContext("/healthz", exchange -> {
      byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ok);
      }
    });
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS,
        r -> new Thread(r, "webhook-" + threads.incrementAndGet()));
    server.setExecutor(executor);
    server.start();
    log.info("Stateside webhook listening on https://{}:{}{} (sidecar image {}, certificate {})", settings.bindHost(),
        server.getAddress().getPort(), AdmissionHandler.PATH, settings.sidecar().image(), settings.certificateFile());
    return new WebhookServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops taking connections and lets the reviews under way finish (briefly). */
  @Override
  public void close() {
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdown();
  }
}
