package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.Materializer;
import akka.stream.SystemMaterializer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user function: a gRPC server (HTTP/2 without TLS) offering entities to a proxy.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   UserFunction.builder()
 *       .serviceName("shopping-cart")
 *       .serviceVersion("1.0.0")
 *       .register(ShoppingCartEntity.definition())
 *       .build()
 *       .run();
 * }
 * }</pre>
 *
 * <p>It listens on the interface in the environment variable {@code HOST} (default
 * {@code 127.0.0.1}, as the proxy runs beside it) and the port in {@code PORT} (default
 * {@code 8080}); {@link Builder#host} and {@link Builder#port} override both. Akka settings come
 * from the usual {@code application.conf}.
 */
public final class UserFunction {

  private static final Logger log = LoggerFactory.getLogger(UserFunction.class);

  /** Settings a user function cannot work without: it needs no cluster, and gRPC needs HTTP/2. */
  private static final String REQUIRED_CONFIG = """
      akka.actor.provider = local
      akka.http.server.preview.enable-http2 = on
      """;

  /**
   * Defaults that application.conf may override. They are layered in code rather than in a
   * reference.conf, whose merge order with Akka's own reference.conf depends on the classpath.
   */
  private static final String DEFAULT_CONFIG = """
      akka.loggers = ["akka.event.slf4j.Slf4jLogger"]
      akka.logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
      # An entity's stream stays open, often idle, for as long as the entity is active.
      akka.http.server.idle-timeout = infinite
      # The proxy opens one stream per active entity on one connection; akka-http's default
      # of 256 would make the 257th active entity wait for another one to passivate.
      akka.http.server.http2.max-concurrent-streams = 100000
      """;

  private final String serviceName;
  private final String serviceVersion;
  private final String host;
  private final int port;
  private final Map<String, EntityDefinition> entities;

  private UserFunction(Builder builder) {
    this.serviceName = builder.serviceName;
    this.serviceVersion = builder.serviceVersion;
    this.host = builder.host;
    this.port = builder.port;
    this.entities = Collections.unmodifiableMap(new LinkedHashMap<>(builder.entities));
  }

  /** @return a builder with host and port taken from the environment */
  public static Builder builder() {
    return new Builder(System.getenv());
  }

  /**
   * Starts serving in the background.
   *
   * @return completes with the running server once it listens, or exceptionally if it cannot bind
   */
  public CompletionStage<UserFunctionServer> start() {
    Config config = ConfigFactory.parseString(REQUIRED_CONFIG)
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseString(DEFAULT_CONFIG))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    ActorSystem system = ActorSystem.create("stateside-user-function", config);
    Function<HttpRequest, CompletionStage<HttpResponse>> routes = routes(system);
    return Http.get(system).newServerAt(host, port).bind(routes)
        .thenApply(binding -> {
          binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system);
          UserFunctionServer server = new UserFunctionServer(system, binding);
          log.info("User function {} {} serving {} on {}:{}", serviceName, serviceVersion,
              String.join(", ", entities.keySet()), host, server.port());
          return server;
        })
        .whenComplete((server, error) -> {
          if (error != null) {
            log.error("Could not listen on {}:{}", host, port, error);
            system.terminate();
          }
        });
  }

  /** Discovery, then one protocol service per kind that has entities registered. */
  @SuppressWarnings("unchecked")
  private Function<HttpRequest, CompletionStage<HttpResponse>> routes(ActorSystem system) {
    Materializer materializer = SystemMaterializer.get(system).materializer();
    List<Function<HttpRequest, CompletionStage<HttpResponse>>> handlers = new ArrayList<>();
    handlers.add(EntityDiscoveryHandlerFactory.partial(
        new DiscoveryEndpoint(serviceName, serviceVersion, entities.values()),
        EntityDiscovery.name, materializer, GrpcErrors.mapper(), system));
    Map<EntityProtocol, List<EntityDefinition>> byKind = new LinkedHashMap<>();
    entities.values().forEach(entity -> byKind.computeIfAbsent(entity.protocol(), kind -> new ArrayList<>()).add(entity));
    byKind.forEach((kind, ofKind) -> handlers.add(kind.handler(ofKind, system)));
    return ServiceHandler.concatOrNotFound(handlers.toArray(Function[]::new));
  }

  /**
   * Starts serving and blocks until the server stops, for example on SIGTERM or Ctrl-C.
   *
   * @throws java.util.concurrent.CompletionException if the server cannot start
   */
  public void run() {
    start().toCompletableFuture().join().whenStopped().toCompletableFuture().join();
  }

  /** Collects the entities to serve and where to listen. */
  public static final class Builder {

    private final Map<String, EntityDefinition> entities = new LinkedHashMap<>();
    private String serviceName = "";
    private String serviceVersion = "";
    private String host;
    private int port;

    Builder(Map<String, String> environment) {
      this.host = environment.getOrDefault("HOST", "127.0.0.1");
      String portVariable = environment.getOrDefault("PORT", "8080");
      try {
        this.port = Integer.parseInt(portVariable.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("PORT must be a number, was '" + portVariable + "'", e);
      }
    }

    /**
     * Names this user function in the proxy's logs and telemetry (optional).
     *
     * @param name for example {@code shopping-cart}
     * @return this builder
     */
    public Builder serviceName(String name) {
      this.serviceName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the version reported to the proxy (optional).
     *
     * @param version for example {@code 1.0.0}
     * @return this builder
     */
    public Builder serviceVersion(String version) {
      this.serviceVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the interface to listen on, instead of {@code HOST}.
     *
     * @param host an IP address or host name; {@code 0.0.0.0} listens on every interface
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port to listen on, instead of {@code PORT}.
     *
     * @param port a TCP port; 0 picks any free one (see {@link UserFunctionServer#port()})
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Not a TCP port: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves an entity type of any kind: an {@link EventSourcedEntity}, a {@link ValueEntity}, a
     * {@link CrdtEntity} or an {@link Action}.
     *
     * @param entity the entity definition
     * @return this builder
     * @throws IllegalArgumentException if an entity for the same service is already registered
     */
    public Builder register(EntityDefinition entity) {
      if (entities.putIfAbsent(entity.serviceName(), entity) != null) {
        throw new IllegalArgumentException(entity.serviceName() + " is already registered");
      }
      return this;
    }

    /**
     * @return the user function, ready to {@linkplain UserFunction#start start}
     * @throws IllegalStateException if no entity is registered
     */
    public UserFunction build() {
      if (entities.isEmpty()) {
        throw new IllegalStateException("Register at least one entity");
      }
      return new UserFunction(this);
    }
  }
}
