package io.stateside.cluster.testing;

import io.stateside.proxy.jdbc.JdbcConfig;
import io.stateside.proxy.jdbc.JdbcStoreSettings;
import io.stateside.proxy.jdbc.SchemaCreator;
import io.stateside.proxy.jdbc.testing.PostgresServer;
import io.stateside.proxy.jdbc.testing.ServerAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A local cluster of proxy nodes on one PostgreSQL, forming by Akka Cluster Bootstrap with
 * {@code config} discovery: every node is told the management endpoints of all, no seed nodes.
 */
public final class LocalCluster implements AutoCloseable {

  /** Generous: several JVMs start at once on a small, shared machine. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

  private final PostgresServer postgres;
  private final List<ClusterNode> nodes = new ArrayList<>();

  private LocalCluster(PostgresServer postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL with the journal schema; no node yet. */
  public static LocalCluster withPostgres() {
    PostgresServer postgres = PostgresServer.launch(ServerAccount.unprivileged());
    try {
      SchemaCreator.createSchema(JdbcStoreSettings.from(JdbcConfig.load(postgres.proxyConfig())).connection(),
          Duration.ofSeconds(60));
      return new LocalCluster(postgres);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** Creates {@code count} nodes with free ports; nothing runs yet. */
  public List<ClusterNode> createNodes(int count) {
    for (int i = 0; i < count; i++) {
      nodes.add(new ClusterNode("node-" + (nodes.size() + 1), ClusterNode.Ports.free()));
    }
    return List.copyOf(nodes);
  }

  public List<ClusterNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The settings of a node of this cluster: the store, bootstrap over all nodes' management ports. */
  public Map<String, Object> nodeSettings(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>();
    postgres.proxyConfig().entrySet().forEach(entry -> settings.put(entry.getKey(), entry.getValue().unwrapped()));
    settings.put("stateside.jdbc.postgres.create-schema", false);
    settings.put("stateside.proxy.cluster.discovery-method", "config");
    settings.put("stateside.proxy.cluster.contact-points", nodes.stream()
        .map(node -> "127.0.0.1:" + node.ports().management()).collect(Collectors.joining(",")));
    settings.put("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr", nodes.size());
    settings.put("stateside.proxy.shutdown.unready-delay", "3s");
    // A shared 2-core machine with several JVMs starting at once: generous start-up limits.
    settings.put("stateside.proxy.store.check-timeout", "4m");
    settings.put("akka.management.cluster.bootstrap.contact-point.probing-failure-timeout", "10s");
    settings.putAll(extra);
    return settings;
  }

  /** Starts every node (user function first, then the proxy) and waits until all are ready. */
  public void startAll() {
    for (ClusterNode node : nodes) {
      node.startUserFunction();
    }
    for (ClusterNode node : nodes) {
      node.startProxy(nodeSettings(Map.of()));
    }
    for (ClusterNode node : nodes) {
      node.awaitReady(READY_TIMEOUT);
    }
  }

  @Override
  public void close() {
    for (ClusterNode node : nodes) {
      node.close();
    }
    postgres.close();
  }
}
