package io.stateside.proxy.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import com.datastax.oss.driver.api.core.CqlSession;
import io.stateside.cassandra.launcher.CassandraNode;
import io.stateside.cassandra.launcher.Cql;
import io.stateside.cassandra.launcher.junit.CassandraExtension;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.CounterState;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.HotEntityLoad;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RegisterScenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy on a real Cassandra process: durability across proxy restarts, snapshots, the read
 * journal, and a schema created by hand. Each test keeps its data in a keyspace of its own.
 */
class CassandraStoreTest {

  private static final Logger log = LoggerFactory.getLogger(CassandraStoreTest.class);

  @RegisterExtension
  static final CassandraExtension cassandra = new CassandraExtension();

  private static ActorSystem userSide;
  private CounterUserFunction userFunction;
  private StatesideProxy proxy;
  private CounterServiceClient client;

  @BeforeAll
  static void startUserSide() {
    userSide = ProxyHarness.userSideSystem();
  }

  @AfterAll
  static void stopUserSide() {
    userSide.terminate();
  }

  @AfterEach
  void stopAll() {
    stopProxy();
    if (userFunction != null) {
      userFunction.close();
    }
  }

  private void startProxy(Map<String, String> env) {
    proxy = ProxyOnCassandra.start(env, userFunction.port());
    client = ProxyHarness.counterClient(proxy, userSide);
  }

  /** Stops the proxy's whole actor system: the next proxy knows only what Cassandra kept. */
  private void restartProxy(Map<String, String> env) {
    stopProxy();
    startProxy(env);
  }

  private void stopProxy() {
    if (client != null) {
      client.close().toCompletableFuture().join();
      client = null;
    }
    ProxyHarness.stop(proxy);
    proxy = null;
  }

  private long increase(String counter, long by) {
    return client.increase(IncreaseRequest.newBuilder().setCounterId(counter).setBy(by).build())
        .toCompletableFuture().join().getValue();
  }

  private long get(String counter) {
    return client.get(GetRequest.newBuilder().setCounterId(counter).build()).toCompletableFuture().join().getValue();
  }

  private static List<Long> eventSequences(List<EventSourcedStreamIn> stream) {
    return stream.stream().filter(EventSourcedStreamIn::hasEvent).map(m -> m.getEvent().getSequence()).toList();
  }

  @Test
  void valueEntitiesKeepTheirLastAcknowledgedStateAcrossAProxyRestart() {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "value_entities");
    RegisterScenarios.assertRestartKeepsEveryAcknowledgedState(
        port -> ProxyOnCassandra.start(env, port), ProxyHarness::stop, userSide);
  }

  @Test
  void eventsAndSnapshotsSurviveAProxyRestartAndTheEntityResumes() throws Exception {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "survive_restart");
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSnapshotEvery(5));
    startProxy(env);
    long expected = 0;
    for (int by = 1; by <= 7; by++) {
      expected += by;
      assertEquals(expected, increase("a", by));
    }
    assertEquals(10, increase("b", 10));

    restartProxy(env);

    assertEquals(expected, get("a"));
    List<EventSourcedStreamIn> recovery = userFunction.receivedOnLastStream("a");
    EventSourcedInit init = recovery.get(0).getInit();
    assertTrue(init.hasSnapshot(), "the snapshot taken at event 5 is loaded");
    assertEquals(5, init.getSnapshot().getSnapshotSequence());
    assertEquals(1 + 2 + 3 + 4 + 5, init.getSnapshot().getSnapshot().unpack(CounterState.class).getValue());
    assertEquals(List.of(6L, 7L), eventSequences(recovery));

    assertEquals(expected + 100, increase("a", 100), "the entity resumes from the recovered state");
    assertEquals(11, increase("b", 1));

    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 100L),
        ProxyOnCassandra.journaledIncrements(proxy.system(), "counter|a"));
    try (CqlSession cql = Cql.session(cassandra.node())) {
      long snapshots = cql.execute("SELECT sequence_nr FROM survive_restart.snapshots WHERE persistence_id = 'counter|a'")
          .all().size();
      assertTrue(snapshots >= 1, "snapshots are stored in Cassandra");
    }
    // Every event carries the entity type's persistence id as tag, for eventing.
    Await.until("tagged events are visible to the events-by-tag query", Duration.ofSeconds(60), () ->
        sorted(taggedIncrements("counter")).equals(sorted(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 100L, 10L, 1L))));
  }

  @Test
  void sixtyFourCallersOnOneHotEntityGetExactStateAndOrderedReplies() {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "hot_entity");
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSnapshotEvery(5));
    startProxy(env);
    HotEntityLoad load = HotEntityLoad.start(client, "hot", 64, 20).awaitFinished();
    load.assertExact(get("hot"));
    assertEquals(64 * 20, load.acknowledged());

    restartProxy(env);
    assertEquals(64 * 20, get("hot"), "what was acknowledged is in Cassandra");
  }

  @Test
  void snapshotsCutReplayToTheEventsAfterTheLatestSnapshot() throws Exception {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "snapshot_replay");
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSnapshotEvery(50));
    startProxy(env);
    for (int i = 1; i <= 123; i++) {
      assertEquals(i, increase("long", 1));
    }

    restartProxy(env);

    assertEquals(123, get("long"));
    List<EventSourcedStreamIn> recovery = userFunction.receivedOnLastStream("long");
    EventSourcedInit init = recovery.get(0).getInit();
    assertEquals(100, init.getSnapshot().getSnapshotSequence(), "recovery starts from the latest snapshot");
    assertEquals(100, init.getSnapshot().getSnapshot().unpack(CounterState.class).getValue());
    List<Long> expectedTail = new ArrayList<>();
    for (long seq = 101; seq <= 123; seq++) {
      expectedTail.add(seq);
    }
    assertEquals(expectedTail, eventSequences(recovery), "only the events after the snapshot are replayed");
    assertEquals(123, ProxyOnCassandra.journaledIncrements(proxy.system(), "counter|long").size(),
        "the journal itself keeps every event");
  }

  @Test
  void noAcknowledgedCommandIsLostWhenTheProxyRestartsUnderLoad() throws Exception {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "no_lost_writes");
    userFunction = CounterUserFunction.start(userSide);
    startProxy(env);

    int workers = 6;
    int entities = 24;
    int acknowledgementsPerWorker = 40;
    AtomicReference<CounterServiceClient> currentClient = new AtomicReference<>(client);
    AtomicLong nextIncrement = new AtomicLong(1);
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ConcurrentMap<String, Set<Long>> acknowledgedByEntity = new ConcurrentHashMap<>();
    Set<String> touched = ConcurrentHashMap.newKeySet();

    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> runs = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      runs.add(pool.submit(() -> {
        int mine = 0;
        for (int attempt = 0; mine < acknowledgementsPerWorker; attempt++) {
          String entity = "e" + ((worker * 7 + attempt) % entities);
          long by = nextIncrement.getAndIncrement(); // unique, so every event can be told apart
          touched.add(entity);
          try {
            currentClient.get().increase(IncreaseRequest.newBuilder().setCounterId(entity).setBy(by).build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
            acknowledgedByEntity.computeIfAbsent(entity, e -> ConcurrentHashMap.newKeySet()).add(by);
            acknowledged.incrementAndGet();
            mine++;
          } catch (Exception e) {
            // unacknowledged: may or may not be in the journal; the proxy is restarting
            failed.incrementAndGet();
            Await.until("a proxy to retry against", Duration.ofSeconds(60), () -> currentClient.get() != null);
          }
        }
        return null;
      }));
    }

    Await.until("a third of the writes are acknowledged", Duration.ofSeconds(120),
        () -> acknowledged.get() >= workers * acknowledgementsPerWorker / 3);
    CounterServiceClient before = currentClient.getAndSet(null);
    StatesideProxy stopping = proxy;
    proxy = null;
    client = null;
    ProxyHarness.stop(stopping); // with calls in flight
    before.close();
    startProxy(env);
    currentClient.set(client);

    for (Future<?> run : runs) {
      run.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertEquals(workers * acknowledgementsPerWorker, acknowledged.get());
    log.info("{} calls acknowledged, {} failed around the restart, on {} entities",
        acknowledged.get(), failed.get(), touched.size());

    for (String entity : touched) {
      List<Long> journaled = ProxyOnCassandra.journaledIncrements(proxy.system(), "counter|" + entity);
      Set<Long> journaledSet = new HashSet<>(journaled);
      assertEquals(journaled.size(), journaledSet.size(), "no event is written twice: " + journaled);
      Set<Long> acked = acknowledgedByEntity.getOrDefault(entity, Set.of());
      assertTrue(journaledSet.containsAll(acked),
          "acknowledged increments of " + entity + " missing from the journal: " + difference(acked, journaledSet));
      assertEquals(journaled.stream().mapToLong(Long::longValue).sum(), get(entity),
          "the state of " + entity + " reflects exactly its journal");
    }
    assertFalse(touched.isEmpty());
  }

  @Test
  void aSchemaCreatedByHandFromThePrintedCqlIsAllTheProxyNeeds() throws Exception {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), "by_hand");
    env.put(CassandraEnvironment.SCHEMA_AUTOCREATE, "false");
    List<String> statements = CassandraSchema.statements(CassandraStoreConfig.load(env));
    try (CqlSession cql = Cql.session(cassandra.node())) {
      for (String statement : statements) {
        cql.execute(statement);
      }
    }
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSnapshotEvery(2));
    startProxy(env);
    assertEquals(2, increase("manual", 2));
    assertEquals(5, increase("manual", 3));

    restartProxy(env);

    assertEquals(5, get("manual"));
    assertTrue(userFunction.receivedOnLastStream("manual").get(0).getInit().hasSnapshot());
  }

  private List<Long> taggedIncrements(String tag) {
    try {
      return ProxyOnCassandra.taggedIncrements(proxy.system(), tag);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Long> sorted(List<Long> values) {
    return values.stream().sorted().toList();
  }

  private static Set<Long> difference(Set<Long> a, Set<Long> b) {
    Set<Long> result = new HashSet<>(a);
    result.removeAll(b);
    return result;
  }
}
