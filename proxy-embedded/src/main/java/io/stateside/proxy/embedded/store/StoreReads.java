package io.stateside.proxy.embedded.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Reads of committed data, by index: the events of a persistence id are one key range, the tag
 * index points at events in offset order, snapshots of a persistence id are one key range.
 * Blocking: callers run these on the store's read threads.
 */
public final class StoreReads {

  private final StoreDatabase database;
  private final IdRegistry persistenceIds;
  private final IdRegistry tags;
  private final AtomicLong committedOffset;

  StoreReads(StoreDatabase database, IdRegistry persistenceIds, IdRegistry tags, AtomicLong committedOffset) {
    this.database = database;
    this.persistenceIds = persistenceIds;
    this.tags = tags;
    this.committedOffset = committedOffset;
  }

  /** The highest sequence number ever written for the persistence id (also after deletes), 0 if none. */
  public long highestSequenceNr(String persistenceId) {
    return persistenceIds.find(persistenceId).map(this::highestSequenceNr).orElse(0L);
  }

  long highestSequenceNr(long pid) {
    long stored = 0;
    try (RocksIterator it = database.db().newIterator(database.events())) {
      it.seekForPrev(Keys.entry(pid, Long.MAX_VALUE));
      if (it.isValid() && Keys.id(it.key()) == pid) {
        stored = Keys.number(it.key());
      }
    }
    try {
      byte[] deleted = database.db().get(database.meta(), Keys.numbered(Keys.DELETED_HIGHEST, pid));
      return deleted == null ? stored : Math.max(stored, Keys.longValue(deleted));
    } catch (RocksDBException e) {
      throw new StoreFailure("reading the highest sequence number", e);
    }
  }

  /** Feeds the events in {@code [from, to]} to {@code each}, at most {@code max} of them. */
  public void replay(String persistenceId, long from, long to, long max, Consumer<PersistedEvent> each) {
    Optional<Long> pid = persistenceIds.find(persistenceId);
    if (pid.isEmpty() || max <= 0) {
      return;
    }
    long count = 0;
    try (RocksIterator it = database.db().newIterator(database.events())) {
      for (it.seek(Keys.entry(pid.get(), Math.max(0, from))); it.isValid() && count < max; it.next()) {
        byte[] key = it.key();
        long sequenceNr = Keys.number(key);
        if (Keys.id(key) != pid.get() || sequenceNr > to) {
          return;
        }
        each.accept(new PersistedEvent(persistenceId, sequenceNr, StoredEvent.decode(it.value())));
        count++;
      }
    }
  }

  /** A page of the events of a persistence id, for the read journal. */
  public List<PersistedEvent> events(String persistenceId, long from, long to, int limit) {
    List<PersistedEvent> page = new ArrayList<>();
    replay(persistenceId, from, to, limit, page::add);
    return page;
  }

  /** A page of a tag's events with offsets in {@code (afterOffset, upToOffset]}. */
  public List<TaggedEvent> eventsByTag(String tag, long afterOffset, long upToOffset, int limit) {
    Optional<Long> tagId = tags.find(tag);
    List<TaggedEvent> page = new ArrayList<>();
    if (tagId.isEmpty() || afterOffset == Long.MAX_VALUE) {
      return page;
    }
    try (RocksIterator it = database.db().newIterator(database.tags())) {
      for (it.seek(Keys.entry(tagId.get(), afterOffset + 1)); it.isValid() && page.size() < limit; it.next()) {
        long offset = Keys.number(it.key());
        if (Keys.id(it.key()) != tagId.get() || offset > upToOffset) {
          break;
        }
        byte[] pointer = it.value();
        event(Keys.id(pointer), Keys.number(pointer)).ifPresent(event -> page.add(new TaggedEvent(offset, event)));
      }
    }
    return page;
  }

  /** The offset of the last committed tagged event: a current query stops there. */
  public long committedOffset() {
    return committedOffset.get();
  }

  /** The latest snapshot that matches the selection. */
  public Optional<PersistedSnapshot> latestSnapshot(String persistenceId, SnapshotSelection selection) {
    Optional<Long> pid = persistenceIds.find(persistenceId);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    try (RocksIterator it = database.db().newIterator(database.snapshots())) {
      for (it.seekForPrev(Keys.entry(pid.get(), selection.maxSequenceNr())); it.isValid(); it.prev()) {
        long sequenceNr = Keys.number(it.key());
        if (Keys.id(it.key()) != pid.get() || sequenceNr < selection.minSequenceNr()) {
          return Optional.empty();
        }
        StoredSnapshot snapshot = StoredSnapshot.decode(it.value());
        if (selection.matches(sequenceNr, snapshot.timestamp())) {
          return Optional.of(new PersistedSnapshot(persistenceId, sequenceNr, snapshot));
        }
      }
    }
    return Optional.empty();
  }

  /** The last offset a projection saved, if it saved one. */
  public Optional<Long> projectionOffset(String projectionName, String projectionKey) {
    try {
      byte[] value = database.db().get(database.meta(), Keys.projectionOffset(projectionName, projectionKey));
      return Optional.ofNullable(value).map(Keys::longValue);
    } catch (RocksDBException e) {
      throw new StoreFailure("reading a projection's offset", e);
    }
  }

  /** Every persistence id that has had an event or a snapshot. */
  public List<String> persistenceIds() {
    return persistenceIds.committedNames();
  }

  private Optional<PersistedEvent> event(long pid, long sequenceNr) {
    try {
      byte[] value = database.db().get(database.events(), Keys.entry(pid, sequenceNr));
      if (value == null) {
        return Optional.empty(); // deleted since it was indexed
      }
      String persistenceId = persistenceIds.name(pid)
          .orElseThrow(() -> new IllegalStateException("No name for persistence id number " + pid));
      return Optional.of(new PersistedEvent(persistenceId, sequenceNr, StoredEvent.decode(value)));
    } catch (RocksDBException e) {
      throw new StoreFailure("reading a tagged event", e);
    }
  }
}
