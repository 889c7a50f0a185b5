package io.stateside.proxy.embedded.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.stateside.proxy.embedded.store.StoreWrite.AppendEvents;
import io.stateside.proxy.embedded.store.StoreWrite.EventToStore;
import io.stateside.proxy.embedded.testing.DataFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine's own statistics say about group commit: writes of many entities that wait at
 * the same moment are committed with one write and one WAL sync, and no write is acknowledged
 * before that sync. The writes are queued before the writer starts, so the grouping does not
 * depend on timing.
 */
class GroupCommitTest {

  private static final int ENTITIES = 200;

  private final DataFolder folder = new DataFolder();

  @AfterEach
  void deleteFolder() {
    folder.close();
  }

  @Test
  void writesOfManyEntitiesWaitingTogetherShareOneWriteAndOneSyncThatPrecedesEveryAcknowledgement() {
    try (EmbeddedStore store = EmbeddedStore.openUnstarted(folder.settings(Map.of()))) {
      StoreStatistics before = store.statistics();
      List<CompletableFuture<StoreStatistics>> acknowledgements = new ArrayList<>();
      for (int entity = 0; entity < ENTITIES; entity++) {
        // What the store's statistics say at the moment the write is acknowledged.
        acknowledgements.add(store.write(append("entity-" + entity, 1)).thenApply(durable -> store.statistics()));
      }
      store.start();

      for (CompletableFuture<StoreStatistics> acknowledged : acknowledgements) {
        StoreStatistics atAcknowledgement = acknowledged.join();
        assertEquals(before.walSyncs() + 1, atAcknowledgement.walSyncs(), "the group's sync preceded the acknowledgement");
        assertEquals(before.writes() + 1, atAcknowledgement.writes(), "one write for the whole group");
      }
      StoreStatistics after = store.statistics();
      assertTrue(after.walBytes() > before.walBytes(), "the events went through the write-ahead log");
      assertEquals(ENTITIES, store.read(reads -> reads.persistenceIds()).join().size());
    }
  }

  @Test
  void eachGroupIsSyncedOnceAndWithSyncOffNothingIsSynced() {
    long groups = 5;
    try (EmbeddedStore store = EmbeddedStore.openUnstarted(folder.settings(Map.of()))) {
      store.start();
      for (int group = 1; group <= groups; group++) {
        store.write(append("one-entity", group)).join();
        assertEquals(group, store.statistics().walSyncs(), "one sync per acknowledged group");
      }
    }
    try (EmbeddedStore store = EmbeddedStore.openUnstarted(folder.settings(Map.of("stateside.embedded.sync", "off")))) {
      store.start();
      for (int sequenceNr = 1; sequenceNr <= groups; sequenceNr++) {
        store.write(append("one-entity", groups + sequenceNr)).join();
      }
      assertEquals(0, store.statistics().walSyncs(), "sync = off writes to the OS only");
      assertEquals(2 * groups, store.read(reads -> reads.highestSequenceNr("one-entity")).join());
    }
  }

  private static AppendEvents append(String persistenceId, long sequenceNr) {
    StoredEvent event = new StoredEvent(8001, "type.googleapis.com/test.Increased", "", "writer", 1L,
        ByteString.copyFromUtf8("+1"));
    return new AppendEvents(List.of(new EventToStore(persistenceId, sequenceNr, Set.of("counter"), event)));
  }
}
