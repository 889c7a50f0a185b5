package io.stateside.proxy.cassandra;

import akka.actor.ActorSystem;
import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.cassandra.launcher.Cql;
import io.stateside.cassandra.launcher.junit.CassandraExtension;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.jdbc.testing.TestDatabase;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionCrash;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionRestart;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionStore;
import io.stateside.proxy.jdbc.testing.subscription.TaggedEvents;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event-log subscriptions on a real Cassandra: offsets in the journal's keyspace, events found
 * by tag (TimeBasedUUID offsets). Each test keeps its data in a keyspace of its own.
 */
class CassandraSubscriptionTest {

  @RegisterExtension
  static final CassandraExtension cassandra = new CassandraExtension();

  private static ActorSystem clientSystem;

  @BeforeAll
  static void startClients() {
    clientSystem = ProxyHarness.userSideSystem();
  }

  @AfterAll
  static void stopClients() {
    clientSystem.terminate();
    clientSystem.getWhenTerminated().toCompletableFuture().join();
  }

  @Test
  void aSubscriptionStoppedWithItsProxyGoesOnAfterItsOffsetWithTheNext() {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "subscription_restart");
    SubscriptionRestart.run(port -> ProxyOnCassandra.start(env, port), ProxyHarness::stop,
        (proxy, subscription) -> savedOffset("subscription_restart", subscription), clientSystem);
  }

  @Test
  void everyEventReachesTheSubscriberInOrderAcrossAKillAndOnlyTheUncommittedTailComesTwice() throws Exception {
    String keyspace = "subscription_crash";
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), keyspace);
    Config store = ProxyOnCassandra.config(env, 0);
    TestDatabase database = new TestDatabase() {
      @Override
      public Config proxyConfig() {
        // As system properties of the proxy's process, over the store's own configuration, whose
        // events-by-tag settings stay as shipped.
        return ConfigFactory.parseMap(Map.of(
            "datastax-java-driver.basic.contact-points.0", cassandra.node().contactPoint(),
            "akka.persistence.cassandra.journal.keyspace", keyspace,
            "akka.persistence.cassandra.snapshot.keyspace", keyspace,
            "stateside.proxy.store.check-timeout", "180s"));
      }

      @Override
      public String name() {
        return "Cassandra keyspace " + keyspace;
      }

      @Override
      public void close() {
      }
    };
    SubscriptionCrash.run(new SubscriptionStore() {
      @Override
      public String name() {
        return database.name();
      }

      @Override
      public ProxyProcess startProxy(int userFunctionPort) {
        return ProxyProcess.start(CassandraProxy.class.getName(), database, userFunctionPort);
      }

      @Override
      public Set<String> eventsAfterCommittedOffset(ProjectionId subscription, String tag) {
        Config config = database.proxyConfig().withFallback(store);
        // A current query by tag stops short of the last eventual-consistency-delay.
        pause(config.getDuration("akka.persistence.cassandra.events-by-tag.eventual-consistency-delay")
            .plusSeconds(1));
        Offset offset = savedOffset(keyspace, subscription).orElse(Offset.noOffset());
        return TaggedEvents.withLocalSystem(config, system -> TaggedEvents.after(system, tag, offset));
      }

      @Override
      public boolean mayLoseEventsInDoubt() {
        // An event stored in the journal whose tag write the crash cut off is tagged only when its
        // entity next recovers, behind the subscription's offset (docs/cassandra.md).
        return true;
      }
    }, clientSystem);
  }

  /** The offset akka-projection-cassandra saved for the subscription, read with CQL. */
  private static Optional<Offset> savedOffset(String keyspace, ProjectionId subscription) {
    int partition = Math.abs(subscription.key().hashCode() % 5); // the offset store's partitioning
    try (CqlSession cql = Cql.session(cassandra.node())) {
      Row row = cql.execute(SimpleStatement.newInstance("SELECT offset, manifest FROM " + keyspace + ".offset_store"
          + " WHERE projection_name = ? AND partition = ? AND projection_key = ?",
          subscription.name(), partition, subscription.key())).one();
      if (row == null) {
        return Optional.empty();
      }
      if (!"TBU".equals(row.getString("manifest"))) {
        throw new IllegalStateException("Not a time-based UUID offset: " + row.getString("manifest"));
      }
      return Optional.of(Offset.timeBasedUUID(UUID.fromString(row.getString("offset"))));
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
