package io.stateside.proxy.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdtDurabilityTest {

  private static Config config(Map<String, Object> crdt) {
    return ConfigFactory.parseMap(crdt).withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void offByDefaultAndThenAkkasDurableSettingsAreLeftAlone() {
    Config config = config(Map.of());
    assertSame(config, CrdtDurability.prepare(config));
    assertEquals(List.of(), config.getStringList(CrdtDurability.KEYS));
  }

  @Test
  void onMakesEveryKeyDurableInTheConfiguredFolder() {
    Config prepared = CrdtDurability.prepare(config(Map.of(
        "stateside.proxy.crdt.durable", "on",
        "stateside.proxy.crdt.durable-directory", "/var/lib/stateside/crdt")));
    assertEquals(List.of("*"), prepared.getStringList(CrdtDurability.KEYS));
    assertEquals("/var/lib/stateside/crdt", prepared.getString(CrdtDurability.DIRECTORY));
  }

  @Test
  void theDefaultFolderIsBesideTheOtherStoresData() {
    Config prepared = CrdtDurability.prepare(config(Map.of("stateside.proxy.crdt.durable", "on")));
    assertEquals("data/stateside-crdt", prepared.getString(CrdtDurability.DIRECTORY));
  }

  @Test
  void lmdbNeedsTwoPackagesOpenWhichTheTestJvmOpensToTheClassPath() {
    assertEquals(List.of(), CrdtDurability.closedPackages(org.lmdbjava.Env.class.getModule()));
    Module unopened = ModuleLayer.boot().findModule("java.sql").orElseThrow();
    assertEquals(List.of("java.nio", "sun.nio.ch"), CrdtDurability.closedPackages(unopened));
  }

  @Test
  void aFolderNamedDdataIsUsedAsConfiguredNotSuffixedWithTheRemotingPort() {
    Config prepared = CrdtDurability.prepare(config(Map.of(
        "stateside.proxy.crdt.durable", "on",
        "stateside.proxy.crdt.durable-directory", "state/ddata")));
    assertEquals("state/ddata/", prepared.getString(CrdtDurability.DIRECTORY));
  }
}
