package io.stateside.proxy.cluster;

import akka.Done;
import akka.actor.ActorSystem;
import akka.cluster.Cluster;
import akka.management.cluster.bootstrap.ClusterBootstrap;
import akka.management.javadsl.AkkaManagement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.stateside.protocol.concurrent.PlainFutures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node becomes a cluster member, chosen by configuration ({@code stateside.proxy.cluster}):
 * <ul>
 *   <li>with a {@code discovery-method} (kubernetes-api, config, akka-dns, ...): Akka Cluster
 *       Bootstrap finds the other nodes' management endpoints through Akka Discovery and forms or
 *       joins the cluster, no seed nodes needed;</li>
 *   <li>else with {@code akka.cluster.seed-nodes}: the node joins them;</li>
 *   <li>else, with {@code join-self-when-no-seed-nodes}, the node forms a cluster of its own.</li>
 * </ul>
 * The management HTTP endpoint (health checks, bootstrap contact point, read-only cluster routes)
 * starts first in every case.
 */
public final class ClusterFormation {

  private static final Logger log = LoggerFactory.getLogger(ClusterFormation.class);

  private static final String BOOTSTRAP_METHOD =
      "akka.management.cluster.bootstrap.contact-point-discovery.discovery-method";
  private static final String BOOTSTRAP_SERVICE =
      "akka.management.cluster.bootstrap.contact-point-discovery.service-name";

  /** The settings under {@code stateside.proxy.cluster}. */
  public record Settings(boolean joinSelfWhenNoSeedNodes, String discoveryMethod, List<String> contactPoints,
                         Duration joinTimeout) {
    public static Settings from(Config root) {
      Config c = root.getConfig("stateside.proxy.cluster");
      List<String> points = new ArrayList<>();
      for (String point : c.getString("contact-points").split(",")) {
        if (!point.isBlank()) {
          points.add(point.trim());
        }
      }
      return new Settings(c.getBoolean("join-self-when-no-seed-nodes"), c.getString("discovery-method").trim(),
          List.copyOf(points), c.getDuration("join-timeout"));
    }

    public boolean bootstrap() {
      return !discoveryMethod.isEmpty();
    }
  }

  private final ActorSystem system;
  private final Settings settings;

  private ClusterFormation(ActorSystem system, Settings settings) {
    this.system = system;
    this.settings = settings;
  }

  /**
   * The configuration with what the cluster settings imply laid over it: the bootstrap's discovery
   * method, and for {@code config} discovery the contact points as that method's endpoints.
   */
  public static Config prepare(Config config) {
    Settings settings = Settings.from(config);
    if (!settings.bootstrap()) {
      return config;
    }
    Config derived = ConfigFactory.parseMap(Map.of(BOOTSTRAP_METHOD, settings.discoveryMethod()));
    if (settings.discoveryMethod().equals("config") && !settings.contactPoints().isEmpty()) {
      List<Map<String, Object>> endpoints = new ArrayList<>();
      for (String point : settings.contactPoints()) {
        endpoints.add(endpoint(point));
      }
      String service = config.getString(BOOTSTRAP_SERVICE);
      derived = derived.withValue("akka.discovery.config.services",
          ConfigValueFactory.fromMap(Map.of(service, Map.of("endpoints", endpoints))));
    }
    return derived.withFallback(config).resolve();
  }

  private static Map<String, Object> endpoint(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      throw new IllegalArgumentException("stateside.proxy.cluster.contact-points: '" + hostAndPort
          + "' is not host:port (the management endpoint of a node)");
    }
    return Map.of("host", hostAndPort.substring(0, colon),
        "port", Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  /** Starts the management endpoint, then bootstrap, seed-node join or self-join. */
  public static ClusterFormation start(ActorSystem system) {
    ClusterFormation formation = new ClusterFormation(system, Settings.from(system.settings().config()));
    formation.begin();
    return formation;
  }

  private void begin() {
    Cluster cluster = Cluster.get(system);
    // Bound synchronously enough for its failure to fail the start: a node whose health endpoint
    // cannot be reached would never be ready anyway.
    AkkaManagement.get(system).start().toCompletableFuture().join();
    Config config = system.settings().config();
    if (settings.bootstrap()) {
      if (!cluster.settings().SeedNodes().isEmpty()) {
        throw new IllegalStateException("stateside.proxy.cluster.discovery-method (" + settings.discoveryMethod()
            + ") and akka.cluster.seed-nodes are both set: choose one way to form the cluster");
      }
      log.info("Forming the cluster by bootstrap: {} discovery of service '{}', {} contact points required",
          settings.discoveryMethod(), config.getString(BOOTSTRAP_SERVICE),
          config.getInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
      ClusterBootstrap.get(system).start();
    } else if (!cluster.settings().SeedNodes().isEmpty()) {
      log.info("Joining the cluster through the seed nodes {}", cluster.settings().SeedNodes());
    } else if (settings.joinSelfWhenNoSeedNodes()) {
      cluster.join(cluster.selfAddress());
    } else {
      log.info("No discovery method and no seed nodes: waiting to be joined (akka.cluster.join)");
    }
  }

  /** Completes once this node is an Up member; fails after {@code join-timeout}. */
  public CompletionStage<Done> memberUp() {
    CompletableFuture<Done> up = new CompletableFuture<>();
    Cluster.get(system).registerOnMemberUp(() -> up.complete(Done.getInstance()));
    Duration timeout = settings.joinTimeout();
    return up.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
      Throwable cause = PlainFutures.causeOf(error);
      if (cause instanceof TimeoutException) {
        return CompletableFuture.failedFuture(new IllegalStateException("this node did not become an Up cluster member "
            + "within " + timeout + " (stateside.proxy.cluster.join-timeout); "
            + (settings.bootstrap() ? "check that the other nodes' management endpoints are reachable through "
               + settings.discoveryMethod() + " discovery" : "check akka.cluster.seed-nodes")));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }
}
