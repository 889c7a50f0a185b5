package io.stateside.proxy.embedded.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.stateside.proxy.embedded.store.StoreWrite.AppendEvents;
import io.stateside.proxy.embedded.store.StoreWrite.EventToStore;
import io.stateside.proxy.embedded.testing.DataFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the store's files hold and how reads walk them, on a real folder. */
class StoreFilesTest {

  private static final int ENTITIES = 1000;
  private static final int EVENTS_EACH = 20;

  private final DataFolder folder = new DataFolder();

  @AfterEach
  void deleteFolder() {
    folder.close();
  }

  @Test
  void replayOfOneEntityAmongManyReadsOnlyThatEntitysKeys() {
    try (EmbeddedStore store = startedStore()) {
      fill(store);
      StoreStatistics before = store.statistics();
      List<PersistedEvent> replayed = store.read(reads -> reads.events(pid(500), 1, Long.MAX_VALUE, 1000)).join();
      StoreStatistics after = store.statistics();

      assertEquals(EVENTS_EACH, replayed.size());
      // One seek to the entity's first event, one step per event; the last step lands on the
      // next entity's first key, which ends the replay.
      assertEquals(1 + EVENTS_EACH, after.iteratorSteps() - before.iteratorSteps(),
          "replay walks the entity's own key range, not the journal");
    }
  }

  @Test
  void aSmallEventTakesUnderThreeHundredBytesOfFolderIndexesIncludedAndAllIsThereAfterReopening() {
    try (EmbeddedStore store = startedStore()) {
      fill(store);
    }
    long bytesPerEvent = folder.size() / (ENTITIES * EVENTS_EACH);
    assertTrue(bytesPerEvent < 300, bytesPerEvent + " bytes per event after a close");

    try (EmbeddedStore reopened = startedStore()) {
      assertEquals(EVENTS_EACH, reopened.read(reads -> reads.highestSequenceNr(pid(ENTITIES - 1))).join());
      assertEquals((long) ENTITIES * EVENTS_EACH, reopened.read(reads ->
          reads.eventsByTag("counter", 0, Long.MAX_VALUE, Integer.MAX_VALUE).size()).join().longValue());
    }
  }

  @Test
  void aSecondStoreOnAFolderInUseIsRefusedSayingWhy() {
    try (EmbeddedStore store = startedStore()) {
      IllegalStateException refused = assertThrows(IllegalStateException.class, this::startedStore);
      assertTrue(refused.getMessage().contains("another proxy"), refused.getMessage());
    }
  }

  private EmbeddedStore startedStore() {
    EmbeddedStore store = EmbeddedStore.openUnstarted(folder.settings(Map.of()));
    store.start();
    return store;
  }

  /** Like the proxy's counter: every entity's events written one command at a time, many entities at once. */
  private static void fill(EmbeddedStore store) {
    List<String> writers = new ArrayList<>();
    for (int entity = 0; entity < ENTITIES; entity++) {
      writers.add(UUID.randomUUID().toString());
    }
    for (int sequenceNr = 1; sequenceNr <= EVENTS_EACH; sequenceNr++) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int entity = 0; entity < ENTITIES; entity++) {
        StoredEvent event = new StoredEvent(8001, "type.googleapis.com/stateside.bench.Increased", "",
            writers.get(entity), System.currentTimeMillis(), ByteString.copyFrom(new byte[] {8, 1}));
        writes.add(store.write(new AppendEvents(List.of(
            new EventToStore(pid(entity), sequenceNr, Set.of("counter"), event)))));
      }
      writes.forEach(CompletableFuture::join);
    }
  }

  private static String pid(int entity) {
    return "counter|entity-" + entity;
  }
}
