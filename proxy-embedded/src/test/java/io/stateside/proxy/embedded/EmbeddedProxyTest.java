package io.stateside.proxy.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.stream.javadsl.Sink;
import com.google.protobuf.Any;
import io.stateside.example.counter.Increased;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.embedded.query.javadsl.EmbeddedReadJournal;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.testing.DataFolder;
import io.stateside.proxy.embedded.testing.EmbeddedProxyHarness;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.IncreaseLoad;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RegisterScenarios;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The proxy on the embedded store, on real files, with a real user function and client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedProxyTest {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedProxyTest.class);
  private static final int SNAPSHOT_EVERY = 5;
  private static final String TAG = CounterUserFunction.Options.defaults().persistenceId();

  private ActorSystem userSide;
  private CounterUserFunction counter;
  private DataFolder folder;

  @BeforeAll
  void startUserFunction() {
    userSide = ProxyHarness.userSideSystem();
    counter = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSnapshotEvery(SNAPSHOT_EVERY));
  }

  @AfterAll
  void stopUserFunction() {
    counter.close();
    userSide.terminate();
    userSide.getWhenTerminated().toCompletableFuture().join();
  }

  @BeforeEach
  void freshFolder() {
    folder = new DataFolder();
  }

  @AfterEach
  void deleteFolder() {
    folder.close();
  }

  @Test
  void everyIncreaseIsSyncedToDiskBeforeItsReplyReachesTheClient() {
    String id = unique("synced");
    StatesideProxy proxy = EmbeddedProxyHarness.start(folder, counter.port());
    try (CounterCalls calls = new CounterCalls(proxy, userSide)) {
      EmbeddedStore store = EmbeddedStore.get(proxy.system());
      long syncsBefore = store.statistics().walSyncs();
      for (int k = 1; k <= 20; k++) {
        calls.increase(id, 1);
        // One client, one entity: the k-th reply cannot share a group with a later command,
        // so the k-th reply needs the k-th sync to have happened already.
        long syncs = store.statistics().walSyncs() - syncsBefore;
        assertTrue(syncs >= k, "reply " + k + " arrived after only " + syncs + " syncs");
      }
    } finally {
      EmbeddedProxyHarness.stop(proxy);
    }
  }

  @Test
  void valueEntitiesKeepTheirLastAcknowledgedStateAcrossARestart() {
    RegisterScenarios.assertRestartKeepsEveryAcknowledgedState(
        port -> EmbeddedProxyHarness.start(folder, port), EmbeddedProxyHarness::stop, userSide);
  }

  @Test
  void eventsAndSnapshotsSurviveARestartAndTheReadJournalFindsThemByTagAndByPersistenceId() {
    String snapshotted = unique("snapshotted");
    String eventsOnly = unique("events-only");
    StatesideProxy first = EmbeddedProxyHarness.start(folder, counter.port());
    try (CounterCalls calls = new CounterCalls(first, userSide)) {
      for (int by = 1; by <= 12; by++) {
        calls.increase(snapshotted, by);
      }
      for (int by = 1; by <= 3; by++) {
        calls.increase(eventsOnly, by);
      }
    } finally {
      EmbeddedProxyHarness.stop(first);
    }

    StatesideProxy second = EmbeddedProxyHarness.start(folder, counter.port());
    try (CounterCalls calls = new CounterCalls(second, userSide)) {
      assertEquals(78, calls.get(snapshotted));
      assertEquals(6, calls.get(eventsOnly));
      List<EventSourcedStreamIn> replay = counter.receivedOnLastStream(snapshotted);
      assertEquals(10, replay.get(0).getInit().getSnapshot().getSnapshotSequence(),
          "the restarted entity starts from the latest snapshot");
      assertEquals(List.of(11L, 12L), replay.stream().filter(EventSourcedStreamIn::hasEvent)
          .map(in -> in.getEvent().getSequence()).toList(), "then gets only the events after it");

      EmbeddedReadJournal journal = readJournal(second);
      String eventsOnlyPid = TAG + "|" + eventsOnly;
      assertEquals(List.of(1L, 2L, 3L), increases(journal.currentEventsByTag(TAG, Offset.noOffset())
          .filter(envelope -> envelope.persistenceId().equals(eventsOnlyPid))
          .runWith(Sink.seq(), second.system())));
      assertEquals(List.of(2L, 3L), increases(journal.currentEventsByPersistenceId(eventsOnlyPid, 2, Long.MAX_VALUE)
          .runWith(Sink.seq(), second.system())));

      // Live queries see what is written after they started: the 15 stored events, then one more.
      CompletionStage<List<EventEnvelope>> liveByPid = journal.eventsByPersistenceId(eventsOnlyPid, 1, Long.MAX_VALUE)
          .take(4).runWith(Sink.seq(), second.system());
      CompletionStage<List<EventEnvelope>> liveByTag = journal.eventsByTag(TAG, Offset.noOffset())
          .take(16).runWith(Sink.seq(), second.system());
      assertEquals(10, calls.increase(eventsOnly, 4));
      assertEquals(List.of(1L, 2L, 3L, 4L), increases(liveByPid));
      List<EventEnvelope> tagged = liveByTag.toCompletableFuture().join();
      assertEquals(eventsOnlyPid, tagged.get(15).persistenceId());
      assertEquals(4, increase(tagged.get(15)));
      assertEquals(Offset.sequence(16), tagged.get(15).offset(), "offsets count the tagged events without gaps");
    } finally {
      EmbeddedProxyHarness.stop(second);
    }
  }

  @Test
  void noAcknowledgedIncreaseIsLostWhenTheProxyProcessIsKilledUnderLoad() throws InterruptedException {
    IncreaseLoad load = new IncreaseLoad(30);
    try (ProxyProcess proxy = ProxyProcess.start(EmbeddedProxy.class.getName(), folder, counter.port());
         CounterCalls calls = new CounterCalls(proxy.port(), userSide)) {
      load.start(calls, 12);
      load.awaitAcknowledged(400);
      proxy.kill();
      load.stop();
    }
    log.info("SIGKILL under load on {}: {} increases acknowledged, {} in doubt", folder.name(),
        load.totalAcknowledged(), load.totalInDoubt());

    StatesideProxy restarted = EmbeddedProxyHarness.start(folder, counter.port());
    try (CounterCalls calls = new CounterCalls(restarted, userSide)) {
      load.assertReflectedIn(calls);
    } finally {
      EmbeddedProxyHarness.stop(restarted);
    }
  }

  private static EmbeddedReadJournal readJournal(StatesideProxy proxy) {
    return PersistenceQuery.get(proxy.system())
        .getReadJournalFor(EmbeddedReadJournal.class, EmbeddedReadJournal.IDENTIFIER);
  }

  private static List<Long> increases(CompletionStage<List<EventEnvelope>> envelopes) {
    return envelopes.toCompletableFuture().join().stream().map(EmbeddedProxyTest::increase).toList();
  }

  private static long increase(EventEnvelope envelope) {
    try {
      return ((Any) envelope.event()).unpack(Increased.class).getBy();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
