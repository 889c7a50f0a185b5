package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.stream.javadsl.Sink;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import com.google.protobuf.Any;
import io.stateside.example.counter.Increased;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.IncreaseLoad;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import io.stateside.proxy.jdbc.testing.JournalTables;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.jdbc.testing.TestDatabase;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.HotEntityLoad;
import io.stateside.proxy.testing.RegisterCalls;
import io.stateside.proxy.testing.RegisterScenarios;
import io.stateside.proxy.testing.JavaRegister;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every JDBC store must show, run against a real database: state survives a restart of the
 * proxy, and no acknowledged command is lost when the proxy stops under load, gracefully or by
 * SIGKILL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProxyStoreScenarios {

  /** The counter snapshots on every fifth event. */
  static final int SNAPSHOT_EVERY = 5;
  static final String PERSISTENCE_ID = CounterUserFunction.Options.defaults().persistenceId();
  static final int LOAD_ENTITIES = 30;
  static final int LOAD_CLIENTS = 12;
  static final long ACKNOWLEDGED_BEFORE_STOP = 400;

  private static final Logger log = LoggerFactory.getLogger(ProxyStoreScenarios.class);

  TestDatabase database;
  ActorSystem testSide;
  CounterUserFunction counter;
  JavaRegister register;
  JournalTables tables;
  private final List<StatesideProxy> running = new ArrayList<>();

  /** Starts the database the scenarios run against. */
  abstract TestDatabase startDatabase();

  @BeforeAll
  void startDatabaseAndUserFunction() {
    database = startDatabase();
    tables = new JournalTables(database);
    testSide = JdbcProxyHarness.testSideSystem("test-side");
    counter = CounterUserFunction.start(testSide,
        CounterUserFunction.Options.defaults().withSnapshotEvery(SNAPSHOT_EVERY));
    register = JavaRegister.start();
  }

  @AfterEach
  void stopProxies() {
    running.forEach(JdbcProxyHarness::stop);
    running.clear();
  }

  @AfterAll
  void stopEverything() {
    if (counter != null) {
      counter.close();
    }
    if (register != null) {
      register.close();
    }
    if (testSide != null) {
      testSide.terminate();
      testSide.getWhenTerminated().toCompletableFuture().join();
    }
    if (database != null) {
      database.close();
    }
  }

  StatesideProxy startProxy() {
    return startProxy(ConfigFactory.empty());
  }

  StatesideProxy startProxy(Config settings) {
    StatesideProxy proxy = JdbcProxyHarness.start(database, counter.port(), settings);
    running.add(proxy);
    return proxy;
  }

  /** A proxy in front of the register value entity. */
  StatesideProxy startRegisterProxy() {
    StatesideProxy proxy = JdbcProxyHarness.start(database, register.port(), ConfigFactory.empty());
    running.add(proxy);
    return proxy;
  }

  void stopProxy(StatesideProxy proxy) {
    running.remove(proxy);
    JdbcProxyHarness.stop(proxy);
  }

  static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  void eventsAndSnapshotsSurviveARestartOfTheProxy() {
    String snapshotted = uniqueId("snapshotted");
    String eventsOnly = uniqueId("events-only");

    StatesideProxy first = startProxy();
    try (CounterCalls calls = new CounterCalls(first, testSide)) {
      for (int by = 1; by <= 12; by++) {
        calls.increase(snapshotted, by);
      }
      for (int by = 1; by <= 3; by++) {
        calls.increase(eventsOnly, by);
      }
    }
    // The snapshot is written after the reply; wait for it rather than racing the restart.
    Await.until("the snapshot at event 10 is stored", Duration.ofSeconds(60),
        () -> tables.latestSnapshot(PERSISTENCE_ID + "|" + snapshotted) == 10);
    stopProxy(first);

    StatesideProxy second = startProxy();
    try (CounterCalls calls = new CounterCalls(second, testSide)) {
      assertEquals(78, calls.get(snapshotted));
      assertEquals(6, calls.get(eventsOnly));
      assertEquals(79, calls.increase(snapshotted, 1));
    }

    List<EventSourcedStreamIn> replay = counter.receivedOnLastStream(snapshotted);
    assertEquals(10, replay.get(0).getInit().getSnapshot().getSnapshotSequence(),
        "the restarted entity starts from the stored snapshot");
    assertEquals(List.of(11L, 12L), replay.stream().filter(EventSourcedStreamIn::hasEvent)
        .map(in -> in.getEvent().getSequence()).toList(), "then gets only the events after it");
    assertEquals(13, tables.events(PERSISTENCE_ID + "|" + snapshotted));

    List<Long> tagged = eventsByTag(second, PERSISTENCE_ID + "|" + eventsOnly);
    assertEquals(List.of(1L, 2L, 3L), tagged, "the read journal finds the entity's events by tag");
  }

  @Test
  void valueEntitiesKeepTheirLastAcknowledgedStateAcrossARestartOfTheProxy() {
    RegisterScenarios.assertRestartKeepsEveryAcknowledgedState(port -> {
      StatesideProxy proxy = JdbcProxyHarness.start(database, port, ConfigFactory.empty());
      running.add(proxy);
      return proxy;
    }, this::stopProxy, testSide);
  }

  @Test
  void concurrentClientsOfOneValueEntitySeeEveryAcknowledgedChangeOnce() {
    try (RegisterCalls calls = new RegisterCalls(startRegisterProxy().httpPort(), testSide)) {
      RegisterScenarios.assertConcurrentAppendsAllKept(calls, 8, 15);
    }
  }

  @Test
  void sixtyFourCallersOnOneHotEntityGetExactStateAndOrderedReplies() {
    String hot = uniqueId("hot");
    try (CounterCalls calls = new CounterCalls(startProxy(), testSide)) {
      HotEntityLoad load = HotEntityLoad.start(calls.client(), hot, 64, 20).awaitFinished();
      load.assertExact(calls.get(hot));
      assertEquals(64 * 20, load.acknowledged());
    }
  }

  @Test
  void noAcknowledgedIncreaseIsLostWhenTheProxyStopsUnderLoad() throws InterruptedException {
    IncreaseLoad load = new IncreaseLoad(LOAD_ENTITIES);
    StatesideProxy proxy = startProxy();
    try (CounterCalls calls = new CounterCalls(proxy, testSide)) {
      load.start(calls, LOAD_CLIENTS);
      load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_STOP);
      stopProxy(proxy);
      load.stop();
    }
    log.info("Graceful stop under load on {}: {} increases acknowledged, {} in doubt",
        database.name(), load.totalAcknowledged(), load.totalInDoubt());

    try (CounterCalls calls = new CounterCalls(startProxy(), testSide)) {
      load.assertReflectedIn(calls);
    }
  }

  @Test
  void noAcknowledgedIncreaseIsLostWhenTheProxyProcessIsKilledUnderLoad() throws InterruptedException {
    IncreaseLoad load = new IncreaseLoad(LOAD_ENTITIES);
    try (ProxyProcess proxy = ProxyProcess.start(database, counter.port());
         CounterCalls calls = new CounterCalls(proxy.port(), testSide)) {
      load.start(calls, LOAD_CLIENTS);
      load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_STOP);
      proxy.kill();
      load.stop();
    }
    log.info("SIGKILL under load on {}: {} increases acknowledged, {} in doubt",
        database.name(), load.totalAcknowledged(), load.totalInDoubt());

    try (CounterCalls calls = new CounterCalls(startProxy(), testSide)) {
      load.assertReflectedIn(calls);
    }
  }

  /**
   * Issue 18, case 2: an entity key too long for the journal's persistence_id column is refused
   * at the frontend, so it never reaches the store: no SQL error, no failures counted by the
   * journal's circuit breaker, which is shared by every entity of the node.
   */
  @Test
  void keysTooLongForTheStoreAreRefusedWhileEveryOtherCallerIsServed() throws InterruptedException {
    // The configured maximum is above what the store holds, so the store's limit applies.
    StatesideProxy proxy = startProxy(ConfigFactory.parseMap(Map.of("stateside.proxy.limits.max-entity-key-length", 1000)));
    int longest = 255 - PERSISTENCE_ID.length() - 1;
    String fits = "k".repeat(longest - 8) + UUID.randomUUID().toString().substring(0, 8);
    IncreaseLoad load = new IncreaseLoad(LOAD_ENTITIES);
    try (CounterCalls calls = new CounterCalls(proxy, testSide);
         CounterCalls ownConnection = new CounterCalls(proxy, testSide)) {
      assertEquals(1, calls.increase(fits, 1), "the longest key the store holds is served");
      assertEquals(1, tables.events(PERSISTENCE_ID + "|" + fits));

      load.start(calls, LOAD_CLIENTS);
      int refused = 0;
      while (refused < 200 || load.totalAcknowledged() < ACKNOWLEDGED_BEFORE_STOP) {
        // Bad calls share the good clients' connection, and have one of their own.
        CounterCalls bad = refused % 2 == 0 ? calls : ownConnection;
        String tooLong = "x".repeat(longest + 1 + refused % 50);
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> bad.increase(tooLong, 1));
        assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
        assertTrue(failure.getStatus().getDescription().endsWith("over the limit of " + longest),
            failure.getStatus().getDescription());
        refused++;
      }
      load.stop();
      assertEquals(0, load.totalInDoubt(), "every good call succeeded");
      load.assertReflectedIn(calls);
    }
  }

  /** The increases of one entity, as the proxy's read journal finds them under the entity type's tag. */
  static List<Long> eventsByTag(StatesideProxy proxy, String persistenceId) {
    JdbcReadJournal readJournal = PersistenceQuery.get(proxy.system())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    return readJournal.currentEventsByTag(PERSISTENCE_ID, Offset.noOffset())
        .filter(envelope -> envelope.persistenceId().equals(persistenceId))
        .map(ProxyStoreScenarios::increase)
        .runWith(Sink.seq(), proxy.system())
        .toCompletableFuture().join();
  }

  private static long increase(EventEnvelope envelope) throws Exception {
    return ((Any) envelope.event()).unpack(Increased.class).getBy();
  }
}
