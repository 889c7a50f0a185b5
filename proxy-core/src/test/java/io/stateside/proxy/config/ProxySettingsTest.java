package io.stateside.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
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
    assertEquals(Duration.ofMinutes(5), settings.discovery().giveUpAfter());
    assertTrue(settings.joinSelfWhenNoSeedNodes());
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
