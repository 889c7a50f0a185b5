package io.stateside.proxy.jdbc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.StatesideProxy;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stateside proxy with its journal, snapshots and read journal in a JDBC database: embedded H2
 * by default, PostgreSQL with {@code STATESIDE_STORE=postgres}. See docs/jdbc.md.
 */
public final class JdbcProxy {

  private static final Logger log = LoggerFactory.getLogger(JdbcProxy.class);

  private JdbcProxy() {
  }

  /**
   * Runs a proxy until it is stopped: SIGTERM drains the calls in flight, stops the node, then
   * closes an embedded H2 database, and the process exits 0.
   */
  public static void main(String[] args) {
    StatesideProxy proxy;
    DatabaseConnection database;
    try {
      database = JdbcStoreSettings.from(JdbcConfig.load(ConfigFactory.empty())).connection();
      proxy = start(ConfigFactory.empty()).toCompletableFuture().join();
    } catch (Throwable e) {
      // Whatever failed, the actor system's threads would keep a half-started JVM alive.
      log.error("Stateside could not start", e);
      System.exit(1);
      return;
    }
    proxy.stopOnSigterm();
    proxy.system().getWhenTerminated().toCompletableFuture().join();
    H2Closer.closeIfEmbedded(database);
    System.exit(0);
  }

  /**
   * Creates the schema if configured to, then starts a proxy node. {@code overrides} sit above
   * every other configuration layer (tests use them; a normal start passes an empty config).
   */
  public static CompletionStage<StatesideProxy> start(Config overrides) {
    Config config = JdbcConfig.load(overrides);
    JdbcStoreSettings settings = JdbcStoreSettings.from(config);
    log.info("Journal and snapshots in {}", settings.connection());
    if (settings.createSchema()) {
      SchemaCreator.createSchema(settings.connection(), settings.schemaCreationTimeout());
    }
    return StatesideProxy.start(config);
  }
}
