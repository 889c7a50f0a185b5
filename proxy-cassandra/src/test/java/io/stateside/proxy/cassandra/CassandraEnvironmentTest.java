package io.stateside.proxy.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraEnvironmentTest {

  @Test
  void withoutVariablesTheStoreDefaultsApply() {
    Config config = CassandraStoreConfig.load(Map.of());
    assertEquals("akka.persistence.cassandra.journal", config.getString("akka.persistence.journal.plugin"));
    assertEquals("akka.persistence.cassandra.snapshot", config.getString("akka.persistence.snapshot-store.plugin"));
    assertEquals(List.of("127.0.0.1:9042"), config.getStringList("datastax-java-driver.basic.contact-points"));
    assertEquals("datacenter1", config.getString("datastax-java-driver.basic.load-balancing-policy.local-datacenter"));
    assertEquals("stateside", config.getString("akka.persistence.cassandra.journal.keyspace"));
    assertEquals("stateside", config.getString("akka.persistence.cassandra.snapshot.keyspace"));
    assertEquals(true, config.getBoolean("akka.persistence.cassandra.journal.tables-autocreate"));
    assertEquals(true, config.getBoolean("akka.persistence.cassandra.events-by-tag.enabled"));
    assertFalse(config.hasPath("datastax-java-driver.advanced.auth-provider.username"));
    // the proxy's own defaults are still there underneath
    assertEquals(9000, config.getInt("stateside.proxy.http-port"));
  }

  @Test
  void variablesSetContactPointsKeyspaceDataCenterCredentialsAndSchemaCreation() {
    Config config = CassandraStoreConfig.load(Map.of(
        "CASSANDRA_CONTACT_POINTS", "cassandra-0.cassandra, 10.0.0.7:9043",
        "CASSANDRA_KEYSPACE", "orders",
        "CASSANDRA_LOCAL_DATACENTER", "eu-west",
        "CASSANDRA_USERNAME", "stateside",
        "CASSANDRA_PASSWORD", "secret",
        "CASSANDRA_SCHEMA_AUTOCREATE", "false"));
    assertEquals(List.of("cassandra-0.cassandra:9042", "10.0.0.7:9043"),
        config.getStringList("datastax-java-driver.basic.contact-points"));
    assertEquals("orders", config.getString("akka.persistence.cassandra.journal.keyspace"));
    assertEquals("orders", config.getString("akka.persistence.cassandra.snapshot.keyspace"));
    assertEquals("eu-west", config.getString("datastax-java-driver.basic.load-balancing-policy.local-datacenter"));
    assertEquals("PlainTextAuthProvider", config.getString("datastax-java-driver.advanced.auth-provider.class"));
    assertEquals("stateside", config.getString("datastax-java-driver.advanced.auth-provider.username"));
    assertEquals("secret", config.getString("datastax-java-driver.advanced.auth-provider.password"));
    for (String plugin : List.of("journal", "snapshot")) {
      assertFalse(config.getBoolean("akka.persistence.cassandra." + plugin + ".keyspace-autocreate"));
      assertFalse(config.getBoolean("akka.persistence.cassandra." + plugin + ".tables-autocreate"));
    }
  }

  @Test
  void blankVariablesAreIgnored() {
    Config config = CassandraStoreConfig.load(Map.of("CASSANDRA_KEYSPACE", " ", "CASSANDRA_USERNAME", ""));
    assertEquals("stateside", config.getString("akka.persistence.cassandra.journal.keyspace"));
    assertFalse(config.hasPath("datastax-java-driver.advanced.auth-provider.username"));
  }

  @Test
  void contactPointsGetTheDefaultPortAndIpv6NeedsBracketsForAPort() {
    assertEquals(List.of("a:9042", "b:1234", "::1:9042", "::1:9043", "fe80::2:9042"),
        CassandraEnvironment.contactPoints("a, b:1234,::1, [::1]:9043 ,[fe80::2]"));
    assertThrows(IllegalArgumentException.class, () -> CassandraEnvironment.contactPoints(" , "));
    assertThrows(IllegalArgumentException.class, () -> CassandraEnvironment.contactPoints("[::1"));
  }

  @Test
  void schemaAutocreateAcceptsOnlyBooleans() {
    assertThrows(IllegalArgumentException.class,
        () -> CassandraEnvironment.toConfig(Map.of("CASSANDRA_SCHEMA_AUTOCREATE", "sometimes")));
  }

  @Test
  void applicationSettingsOutrankTheEnvironment() {
    System.setProperty("akka.persistence.cassandra.journal.keyspace", "from_system_property");
    try {
      ConfigFactory.invalidateCaches();
      Config config = CassandraStoreConfig.load(Map.of("CASSANDRA_KEYSPACE", "from_env"));
      assertEquals("from_system_property", config.getString("akka.persistence.cassandra.journal.keyspace"));
      assertEquals("from_env", config.getString("akka.persistence.cassandra.snapshot.keyspace"));
    } finally {
      System.clearProperty("akka.persistence.cassandra.journal.keyspace");
      ConfigFactory.invalidateCaches();
    }
  }
}
