package io.stateside.proxy.embedded.store;

import io.stateside.proxy.embedded.store.StoreWrite.AppendEvents;
import io.stateside.proxy.embedded.store.StoreWrite.DeleteEvents;
import io.stateside.proxy.embedded.store.StoreWrite.DeleteSnapshots;
import io.stateside.proxy.embedded.store.StoreWrite.EventToStore;
import io.stateside.proxy.embedded.store.StoreWrite.SaveProjectionOffset;
import io.stateside.proxy.embedded.store.StoreWrite.SaveSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Turns the writes of one group into the entries of one write batch: events under their
 * persistence id's number, a tag index entry per tag with the next global offset, snapshots,
 * deletions, projections' offsets. Used by the writer thread only; numbers and offsets handed out for a batch become
 * visible to readers once that batch is committed.
 */
final class BatchAssembler {

  private final StoreDatabase database;
  private final IdRegistry persistenceIds;
  private final IdRegistry tags;
  private final StoreReads reads;
  private final AtomicLong committedOffset;
  private long lastOffset;

  BatchAssembler(StoreDatabase database, IdRegistry persistenceIds, IdRegistry tags, StoreReads reads,
      AtomicLong committedOffset) {
    this.database = database;
    this.persistenceIds = persistenceIds;
    this.tags = tags;
    this.reads = reads;
    this.committedOffset = committedOffset;
    this.lastOffset = committedOffset.get();
  }

  void add(StoreWrite write, WriteBatch batch) throws RocksDBException {
    if (write instanceof AppendEvents append) {
      for (EventToStore event : append.events()) {
        append(event, batch);
      }
    } else if (write instanceof DeleteEvents delete) {
      deleteEvents(delete, batch);
    } else if (write instanceof SaveSnapshot save) {
      long pid = persistenceIds.assign(save.persistenceId(), batch);
      batch.put(database.snapshots(), Keys.entry(pid, save.sequenceNr()), save.snapshot().encode());
    } else if (write instanceof DeleteSnapshots delete) {
      deleteSnapshots(delete, batch);
    } else if (write instanceof SaveProjectionOffset save) {
      batch.put(database.meta(), Keys.projectionOffset(save.projectionName(), save.projectionKey()),
          Keys.longValue(save.offset()));
    }
  }

  /** The batch is durable. */
  void committed() {
    persistenceIds.committed();
    tags.committed();
    committedOffset.set(lastOffset);
  }

  /** The batch failed: nothing of it was stored. */
  void abandoned() {
    persistenceIds.abandoned();
    tags.abandoned();
    lastOffset = committedOffset.get();
  }

  private void append(EventToStore event, WriteBatch batch) throws RocksDBException {
    long pid = persistenceIds.assign(event.persistenceId(), batch);
    batch.put(database.events(), Keys.entry(pid, event.sequenceNr()), event.event().encode());
    for (String tag : event.tags()) {
      long tagId = tags.assign(tag, batch);
      batch.put(database.tags(), Keys.entry(tagId, ++lastOffset), Keys.entry(pid, event.sequenceNr()));
    }
  }

  private void deleteEvents(DeleteEvents delete, WriteBatch batch) throws RocksDBException {
    Optional<Long> pid = persistenceIds.find(delete.persistenceId());
    if (pid.isEmpty()) {
      return;
    }
    long highest = reads.highestSequenceNr(pid.get());
    long upTo = Math.min(delete.toSequenceNr(), highest);
    if (upTo < 1) {
      return;
    }
    batch.deleteRange(database.events(), Keys.entry(pid.get(), 0), Keys.entry(pid.get(), upTo + 1));
    // Akka must never reuse a sequence number, even once every event is gone.
    batch.put(database.meta(), Keys.numbered(Keys.DELETED_HIGHEST, pid.get()), Keys.longValue(highest));
  }

  private void deleteSnapshots(DeleteSnapshots delete, WriteBatch batch) throws RocksDBException {
    Optional<Long> pid = persistenceIds.find(delete.persistenceId());
    if (pid.isEmpty()) {
      return;
    }
    SnapshotSelection selection = delete.selection();
    try (RocksIterator it = database.db().newIterator(database.snapshots())) {
      for (it.seek(Keys.entry(pid.get(), selection.minSequenceNr())); it.isValid(); it.next()) {
        long sequenceNr = Keys.number(it.key());
        if (Keys.id(it.key()) != pid.get() || sequenceNr > selection.maxSequenceNr()) {
          return;
        }
        if (selection.matches(sequenceNr, StoredSnapshot.decode(it.value()).timestamp())) {
          batch.delete(database.snapshots(), it.key());
        }
      }
    }
  }
}
