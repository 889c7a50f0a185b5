package io.stateside.proxy.jdbc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * Builds the proxy's configuration for a JDBC store. Layers, highest first: explicit overrides,
 * system properties, application.conf, the connection derived from {@code stateside.jdbc},
 * {@code stateside-jdbc.conf} (plugin selection), and the libraries' reference.conf.
 */
public final class JdbcConfig {

  private static final String SHARED_DB = "akka-persistence-jdbc.shared-databases.stateside";

  private JdbcConfig() {
  }

  /** The fully resolved configuration, with {@code overrides} on top (empty for a normal start). */
  public static Config load(Config overrides) {
    Config userLayers = overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication());
    Config storeLayers = ConfigFactory.parseResources("stateside-jdbc.conf")
        .withFallback(ConfigFactory.defaultReference());
    JdbcStoreSettings settings = JdbcStoreSettings.from(userLayers.withFallback(storeLayers).resolve());
    return userLayers
        .withFallback(connectionConfig(settings.connection()))
        .withFallback(storeLayers)
        .resolve();
  }

  private static Config connectionConfig(DatabaseConnection connection) {
    return ConfigFactory.parseMap(Map.of(
        SHARED_DB + ".profile", connection.store().slickProfile(),
        SHARED_DB + ".db.driver", connection.store().driverClass(),
        SHARED_DB + ".db.url", connection.url(),
        SHARED_DB + ".db.user", connection.user(),
        SHARED_DB + ".db.password", connection.password(),
        "akka.projection.jdbc.dialect", connection.store().projectionDialect()),
        "connection derived from stateside.jdbc");
  }
}
