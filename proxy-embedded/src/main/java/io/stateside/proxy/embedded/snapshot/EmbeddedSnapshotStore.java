package io.stateside.proxy.embedded.snapshot;

import akka.persistence.SelectedSnapshot;
import akka.persistence.SnapshotMetadata;
import akka.persistence.SnapshotSelectionCriteria;
import akka.persistence.snapshot.japi.SnapshotStore;
import io.stateside.proxy.embedded.codec.PayloadCodec;
import io.stateside.proxy.embedded.codec.SerializedPayload;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.store.PersistedSnapshot;
import io.stateside.proxy.embedded.store.SnapshotSelection;
import io.stateside.proxy.embedded.store.StoreWrite.DeleteSnapshots;
import io.stateside.proxy.embedded.store.StoreWrite.SaveSnapshot;
import io.stateside.proxy.embedded.store.StoredSnapshot;
import java.util.Optional;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/** Akka persistence snapshot store on the embedded store; saves are group-committed with events. */
public final class EmbeddedSnapshotStore extends SnapshotStore {

  private final EmbeddedStore store = EmbeddedStore.get(context().system());
  private final PayloadCodec payloads = new PayloadCodec(context().system());

  @Override
  public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return FutureConverters.asScala(store.read(reads ->
        reads.latestSnapshot(persistenceId, selection(criteria)).map(this::selected)));
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    SerializedPayload serialized = payloads.serialize(snapshot);
    StoredSnapshot stored = new StoredSnapshot(metadata.timestamp(), serialized.serializerId(), serialized.manifest(),
        serialized.bytes());
    return FutureConverters.asScala(store.write(new SaveSnapshot(metadata.persistenceId(), metadata.sequenceNr(), stored)));
  }

  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    return FutureConverters.asScala(store.write(new DeleteSnapshots(metadata.persistenceId(),
        SnapshotSelection.exactly(metadata.sequenceNr(), metadata.timestamp()))));
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return FutureConverters.asScala(store.write(new DeleteSnapshots(persistenceId, selection(criteria))));
  }

  private SelectedSnapshot selected(PersistedSnapshot persisted) {
    StoredSnapshot stored = persisted.snapshot();
    Object snapshot = payloads.deserialize(stored.serializerId(), stored.serializerManifest(), stored.payload());
    return SelectedSnapshot.create(
        new SnapshotMetadata(persisted.persistenceId(), persisted.sequenceNr(), stored.timestamp()), snapshot);
  }

  private static SnapshotSelection selection(SnapshotSelectionCriteria criteria) {
    return new SnapshotSelection(criteria.minSequenceNr(), criteria.maxSequenceNr(), criteria.minTimestamp(),
        criteria.maxTimestamp());
  }
}
