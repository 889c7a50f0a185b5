package io.stateside.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.cluster.ClusterFormation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ProxySettings settings = ProxySettings.from(ConfigFactory.defaultReference());

    assertEquals(9000, settings.httpPort());
    assertEquals("127.0.0.1", settings.userFunctionHost());
    assertEquals(8080, settings.userFunctionPort());
    assertEquals(Duration.ofSeconds(30), settings.passivationTimeout());
    assertEquals(Duration.ofSeconds(10), settings.requestTimeout());
    assertEquals(Duration.ofSeconds(60), settings.maxRequestTimeout());
    assertEquals(new ProxySettings.CallLimits(12 * 1024 * 1024, 64, 8 * 1024, 200), settings.limits());
    assertEquals(new ProxySettings.StoreSettings(0, Duration.ofSeconds(60), false), settings.store());
    assertEquals(Duration.ofMinutes(5), settings.discovery().giveUpAfter());
    assertEquals(100, settings.valueEntityPruneEvery());
    assertTrue(ClusterFormation.Settings.from(ConfigFactory.defaultReference()).joinSelfWhenNoSeedNodes());
  }

  @Test
  void aStoreLimitLeavesKeysWhatFitsAfterThePersistenceId() {
    ProxySettings.StoreSettings jdbc = new ProxySettings.StoreSettings(255, Duration.ofSeconds(30), false);
    ProxySettings.StoreSettings unlimited = new ProxySettings.StoreSettings(0, Duration.ofSeconds(30), false);

    assertEquals(247, jdbc.maxEntityKeyLength(1000, "counter"));
    assertEquals(200, jdbc.maxEntityKeyLength(200, "counter"));
    assertEquals(1000, unlimited.maxEntityKeyLength(1000, "counter"));
  }

  @Test
  void callsMayNotOutliveTheIdleTimeoutOfTheirConnection() {
    var config = ConfigFactory.parseMap(Map.of("stateside.proxy.max-request-timeout", "3m"))
        .withFallback(ConfigFactory.defaultReference());

    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ProxySettings.from(config));
    assertEquals("stateside.proxy.max-request-timeout (PT3M) must be shorter than akka.http.server.idle-timeout (2m)",
        refused.getMessage());
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    var environment = ConfigFactory.parseMap(Map.of(
        "HTTP_PORT", "9100", "USER_FUNCTION_HOST", "uf.local", "USER_FUNCTION_PORT", "8181"));
    // Substitutions look in the configuration first, then in the real environment.
    var config = environment.withFallback(ConfigFactory.parseResources("reference.conf")).resolve();

    ProxySettings settings = ProxySettings.from(config);

    assertEquals(9100, settings.httpPort());
    assertEquals("uf.local", settings.userFunctionHost());
    assertEquals(8181, settings.userFunctionPort());
  }
}
