package io.stateside.proxy.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.persistence.PersistentRepr;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.stream.javadsl.Sink;
import akka.testkit.javadsl.TestKit;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.store.javadsl.StoreReadJournal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MemoryQueriesTest {

  private static ActorSystem system;
  private static MemoryStore store;
  private static StoreReadJournal queries;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("memory-queries", ConfigFactory.parseString("akka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    store = MemoryStore.get(system);
    queries = PersistenceQuery.get(system).getReadJournalFor(StoreReadJournal.class, "stateside.proxy.memory-read-journal");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static void write(String persistenceId, long from, int count, Set<String> tags) {
    List<PersistentRepr> events = IntStream.range(0, count)
        .mapToObj(i -> PersistentRepr.apply(persistenceId + "-" + (from + i), from + i, persistenceId, "", false, null, ""))
        .toList();
    store.append(persistenceId, events, events.stream().map(e -> tags).toList());
  }

  private static List<EventEnvelope> current(String tag, Offset offset) throws Exception {
    return queries.currentEventsByTag(tag, offset).runWith(Sink.seq(), system).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void tagOffsetsFollowWriteOrderAcrossEntitiesAndResumeExclusively() throws Exception {
    write("a|1", 1, 2, Set.of("a"));
    write("other|1", 1, 1, Set.of("other"));
    write("a|2", 1, 1, Set.of("a"));
    write("a|1", 3, 1, Set.of("a"));

    List<EventEnvelope> all = current("a", Offset.noOffset());
    assertEquals(List.of("a|1-1", "a|1-2", "a|2-1", "a|1-3"), all.stream().map(EventEnvelope::event).toList());
    List<Long> offsets = all.stream().map(e -> ((akka.persistence.query.Sequence) e.offset()).value()).toList();
    assertEquals(offsets.stream().sorted().toList(), offsets, "offsets grow in write order");

    List<EventEnvelope> rest = current("a", all.get(1).offset());
    assertEquals(List.of("a|2-1", "a|1-3"), rest.stream().map(EventEnvelope::event).toList());
  }

  @Test
  void aLiveTagQueryFollowsNewWritesAndACurrentOneEndsAtWhatWasStored() throws Exception {
    write("live|1", 1, 600, Set.of("live"));
    var live = queries.eventsByTag("live", Offset.noOffset()).take(1001).runWith(Sink.seq(), system);
    assertEquals(600, current("live", Offset.noOffset()).size(), "a current query spans several pages");
    write("live|2", 1, 401, Set.of("live"));
    List<EventEnvelope> followed = live.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("live|2-401", followed.get(1000).event());
  }

  @Test
  void eventsByPersistenceIdSkipDeletedEventsAndKeepTheHighestSequenceNumber() throws Exception {
    write("d|1", 1, 5, Set.of());
    store.deleteTo("d|1", 3);
    List<EventEnvelope> left = queries.currentEventsByPersistenceId("d|1", 0, Long.MAX_VALUE)
        .runWith(Sink.seq(), system).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(4L, 5L), left.stream().map(EventEnvelope::sequenceNr).toList());
    assertEquals(5, store.highestSequenceNr("d|1"));
    assertEquals(List.of("d|1-5"), store.events("d|1", 5, 10, 10).stream().map(s -> s.event().payload()).toList());
  }
}
