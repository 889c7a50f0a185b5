package io.stateside.cluster.testing;

import io.stateside.proxy.jdbc.testing.ChildProcess;
import io.stateside.proxy.jdbc.testing.Folders;
import io.stateside.proxy.jdbc.testing.FreePort;
import io.stateside.proxy.jdbc.testing.ServerAccount;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a free loopback port, scraping
 * the given targets every second, with its data in a temp folder.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern VALUE = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]");

  private final Path root;
  private final int port;
  private final ChildProcess process;

  private PrometheusServer(Path root, int port, ChildProcess process) {
    this.root = root;
    this.port = port;
    this.process = process;
  }

  /** The prometheus binary on the PATH (or PROMETHEUS_BIN). */
  public static Optional<Path> binary() {
    String configured = System.getenv("PROMETHEUS_BIN");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "prometheus");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static PrometheusServer start(Path binary, List<String> targets) {
    Path root = Folders.createTraversable("stateside-prometheus");
    int port = FreePort.find();
    try {
      Path config = Files.writeString(root.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: stateside
              static_configs:
                - targets: [%s]
          """.formatted(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())));
      ChildProcess process = ChildProcess.start("prometheus", ServerAccount.current(), List.of(
          binary.toString(),
          "--config.file=" + config,
          "--storage.tsdb.path=" + root.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port), root.resolve("prometheus.log"), "KILL");
      PrometheusServer server = new PrometheusServer(root, port, process);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      Folders.deleteQuietly(root);
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Prometheus did not start:\n" + ChildProcess.tail(root.resolve("prometheus.log")));
      }
      ClusterNode.sleep(200);
    }
  }

  /** The value of an instant query with a single result, if it has one. */
  public Optional<Double> query(String promql) {
    try {
      String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
      Matcher matcher = VALUE.matcher(body);
      return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.signalAndAwait("KILL");
    Folders.deleteQuietly(root);
  }
}
