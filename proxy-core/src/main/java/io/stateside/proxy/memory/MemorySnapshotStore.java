package io.stateside.proxy.memory;

import akka.dispatch.Futures;
import akka.persistence.SelectedSnapshot;
import akka.persistence.SnapshotMetadata;
import akka.persistence.SnapshotSelectionCriteria;
import akka.persistence.snapshot.japi.SnapshotStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import scala.concurrent.Future;

/**
 * Snapshots kept in memory, the memory store's snapshot store, for development and
 * tests. Everything is lost when the process ends.
 */
public final class MemorySnapshotStore extends SnapshotStore {

  private record Stored(SnapshotMetadata metadata, Object snapshot) {}

  private final ConcurrentHashMap<String, List<Stored>> byPersistenceId = new ConcurrentHashMap<>();

  @Override
  public Future<Optional<SelectedSnapshot>> doLoadAsync(
      String persistenceId, SnapshotSelectionCriteria criteria) {
    Optional<SelectedSnapshot> latest =
        snapshotsOf(persistenceId).stream()
            .filter(s -> criteria.matches(s.metadata()))
            .max((a, b) -> Long.compare(a.metadata().sequenceNr(), b.metadata().sequenceNr()))
            .map(s -> SelectedSnapshot.create(s.metadata(), s.snapshot()));
    return Futures.successful(latest);
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    List<Stored> snapshots = snapshotsOf(metadata.persistenceId());
    // A snapshot saved again at the same sequence number replaces the earlier one.
    snapshots.removeIf(s -> s.metadata().sequenceNr() == metadata.sequenceNr());
    snapshots.add(new Stored(metadata, snapshot));
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    snapshotsOf(metadata.persistenceId())
        .removeIf(s -> s.metadata().sequenceNr() == metadata.sequenceNr());
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    snapshotsOf(persistenceId).removeIf(s -> criteria.matches(s.metadata()));
    return Futures.successful(null);
  }

  private List<Stored> snapshotsOf(String persistenceId) {
    return byPersistenceId.computeIfAbsent(persistenceId, id -> new CopyOnWriteArrayList<>());
  }
}
