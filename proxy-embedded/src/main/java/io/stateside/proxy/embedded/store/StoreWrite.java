package io.stateside.proxy.embedded.store;

import java.util.List;
import java.util.Set;

/** One request to the writer thread; each is applied to the group's write batch as a whole. */
public sealed interface StoreWrite {

  /** An event, serialized, with the tags it is indexed under. */
  record EventToStore(String persistenceId, long sequenceNr, Set<String> tags, StoredEvent event) {
    public EventToStore {
      tags = Set.copyOf(tags);
    }
  }

  /** The events of one or more atomic writes of the journal. */
  record AppendEvents(List<EventToStore> events) implements StoreWrite {
    public AppendEvents {
      events = List.copyOf(events);
    }
  }

  /** Deletes the events of a persistence id up to a sequence number; the highest number stays known. */
  record DeleteEvents(String persistenceId, long toSequenceNr) implements StoreWrite {}

  record SaveSnapshot(String persistenceId, long sequenceNr, StoredSnapshot snapshot) implements StoreWrite {}

  /** Deletes the snapshots of a persistence id that match the selection. */
  record DeleteSnapshots(String persistenceId, SnapshotSelection selection) implements StoreWrite {}

  /** Replaces the offset of a projection (an event-log subscription), named by its name and key. */
  record SaveProjectionOffset(String projectionName, String projectionKey, long offset) implements StoreWrite {}
}
