package io.stateside.proxy.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The proxy's configuration with the embedded store. Layers, highest first: explicit overrides,
 * system properties, application.conf, {@code stateside-embedded.conf} (plugin selection), and
 * the libraries' reference.conf.
 */
public final class EmbeddedConfig {

  private EmbeddedConfig() {
  }

  /** The fully resolved configuration, with {@code overrides} on top (empty for a normal start). */
  public static Config load(Config overrides) {
    return overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources("stateside-embedded.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
