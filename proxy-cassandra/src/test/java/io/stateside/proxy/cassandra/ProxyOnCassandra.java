package io.stateside.proxy.cassandra;

import akka.actor.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.NoOffset;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.cassandra.query.javadsl.CassandraReadJournal;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.cassandra.launcher.CassandraNode;
import io.stateside.example.counter.Increased;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Proxies on the Cassandra store for tests, configured the way production is: through the environment. */
final class ProxyOnCassandra {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STORE_READY_LIMIT = Duration.ofMinutes(3);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  private ProxyOnCassandra() {}

  /** The environment a deployment would set to point the proxy at this node and keyspace. */
  static Map<String, String> env(CassandraNode node, String keyspace) {
    Map<String, String> env = new HashMap<>();
    env.put(CassandraEnvironment.CONTACT_POINTS, node.contactPoint());
    env.put(CassandraEnvironment.KEYSPACE, keyspace);
    return env;
  }

  /**
   * The store configuration over the proxy test harness's settings, with waits shortened so that
   * tests need not sit out production back-offs.
   */
  static Config config(Map<String, String> env, int userFunctionPort) {
    String recentBucket = ZonedDateTime.now(ZoneOffset.UTC).minusDays(1)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:00"));
    return ConfigFactory.parseMap(Map.of(
            "datastax-java-driver.advanced.reconnection-policy.max-delay", "1s",
            "akka.persistence.cassandra.journal.circuit-breaker.reset-timeout", "2s",
            "akka.persistence.cassandra.snapshot.circuit-breaker.reset-timeout", "2s",
            "akka.persistence.cassandra.events-by-tag.first-time-bucket", recentBucket,
            "akka.persistence.cassandra.events-by-tag.eventual-consistency-delay", "1s",
            // Connecting and creating the schema can take this long on a loaded machine.
            "stateside.proxy.store.check-timeout", STORE_READY_LIMIT.toSeconds() + "s"))
        .withFallback(CassandraStoreConfig.storeLayer(env))
        .withFallback(ProxyHarness.config(userFunctionPort, Map.of()))
        .resolve();
  }

  /**
   * Starts a proxy and waits until its store answers: on a loaded machine, connecting and creating
   * the schema can take longer than a test's first call may wait.
   */
  static StatesideProxy start(Map<String, String> env, int userFunctionPort) {
    StatesideProxy proxy = StatesideProxy.start(config(env, userFunctionPort)).toCompletableFuture().join();
    Await.until("the Cassandra store answers", STORE_READY_LIMIT, () -> StoreProbe.probe(proxy.system(), PROBE_TIMEOUT)
        .handle((done, error) -> error == null)
        .toCompletableFuture()
        .join());
    return proxy;
  }

  /** The {@code by} of every Increased event in the journal for the entity, in journal order. */
  static List<Long> journaledIncrements(ActorSystem system, String persistenceId) throws Exception {
    return increments(readJournal(system).currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE), system);
  }

  /** The {@code by} of every Increased event under the tag, as the events-by-tag query sees them. */
  static List<Long> taggedIncrements(ActorSystem system, String tag) throws Exception {
    return increments(readJournal(system).currentEventsByTag(tag, NoOffset.getInstance()), system);
  }

  private static List<Long> increments(Source<EventEnvelope, ?> events, ActorSystem system) throws Exception {
    return events
        .map(envelope -> increment((Any) envelope.event()))
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static long increment(Any event) throws InvalidProtocolBufferException {
    return event.unpack(Increased.class).getBy();
  }

  private static CassandraReadJournal readJournal(ActorSystem system) {
    return PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
  }
}
