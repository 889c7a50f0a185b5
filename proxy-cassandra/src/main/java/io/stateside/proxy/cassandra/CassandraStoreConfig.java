package io.stateside.proxy.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Map;

/**
 * The proxy's configuration with the Cassandra store. Highest first: system properties,
 * {@code application.conf}, the {@code CASSANDRA_*} environment variables, {@value #STORE_RESOURCE},
 * then every {@code reference.conf} (the proxy's own selects the in-memory store; this layer replaces it).
 */
public final class CassandraStoreConfig {

  public static final String STORE_RESOURCE = "stateside-cassandra.conf";

  private CassandraStoreConfig() {}

  public static Config load() {
    return load(System.getenv());
  }

  public static Config load(Map<String, String> env) {
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(storeLayer(env))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** Only the store's settings, environment applied, unresolved: to put over any other configuration. */
  public static Config storeLayer(Map<String, String> env) {
    return CassandraEnvironment.toConfig(env)
        .withFallback(ConfigFactory.parseResources(CassandraStoreConfig.class.getClassLoader(), STORE_RESOURCE,
            ConfigParseOptions.defaults().setAllowMissing(false)));
  }
}
