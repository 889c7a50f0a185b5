package io.stateside.proxy.embedded.tck;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.embedded.testing.DataFolder;
import java.util.Map;

/** An actor system for Akka's plugin TCK with the embedded plugins on a fresh folder. */
final class TckConfig {

  private TckConfig() {
  }

  static Config onFreshFolder() {
    DataFolder folder = new DataFolder();
    Runtime.getRuntime().addShutdownHook(new Thread(folder::close, "delete-tck-folder"));
    return ConfigFactory.parseMap(Map.of(
            "akka.actor.provider", "local",
            "akka.persistence.journal.plugin", "stateside.embedded.journal",
            "akka.persistence.snapshot-store.plugin", "stateside.embedded.snapshot-store",
            "akka.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"))
        .withFallback(folder.proxyConfig())
        .withFallback(ConfigFactory.load());
  }
}
