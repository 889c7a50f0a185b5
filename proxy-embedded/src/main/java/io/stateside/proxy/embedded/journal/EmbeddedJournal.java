package io.stateside.proxy.embedded.journal;

import akka.dispatch.Futures;
import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.journal.japi.AsyncWriteJournal;
import io.stateside.proxy.embedded.codec.EventCodec;
import io.stateside.proxy.embedded.codec.PayloadCodec;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.store.StoreWrite.AppendEvents;
import io.stateside.proxy.embedded.store.StoreWrite.DeleteEvents;
import io.stateside.proxy.embedded.store.StoreWrite.EventToStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Akka persistence journal on the embedded store. All atomic writes of one call go to the
 * writer thread as one request, which the writer commits together with whatever else is
 * waiting; the call's future completes once that group is synced.
 */
public final class EmbeddedJournal extends AsyncWriteJournal {

  private final EmbeddedStore store = EmbeddedStore.get(context().system());
  private final EventCodec codec = new EventCodec(new PayloadCodec(context().system()));

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    List<Optional<Exception>> results = new ArrayList<>();
    List<EventToStore> accepted = new ArrayList<>();
    for (AtomicWrite write : messages) {
      try {
        accepted.addAll(codec.encode(write));
        results.add(Optional.empty());
      } catch (Exception notSerializable) {
        // Rejected: the entity hears of it, the other writes go ahead.
        results.add(Optional.of(notSerializable));
      }
    }
    Iterable<Optional<Exception>> outcome = results;
    if (accepted.isEmpty()) {
      return Futures.successful(outcome);
    }
    return FutureConverters.asScala(store.write(new AppendEvents(accepted)).thenApply(durable -> outcome));
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return FutureConverters.asScala(store.write(new DeleteEvents(persistenceId, toSequenceNr)));
  }

  @Override
  public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      Consumer<PersistentRepr> replayCallback) {
    return FutureConverters.asScala(store.read(reads -> {
      reads.replay(persistenceId, fromSequenceNr, toSequenceNr, max, event -> replayCallback.accept(codec.decode(event)));
      return null;
    }));
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return FutureConverters.asScala(store.read(reads -> reads.highestSequenceNr(persistenceId)));
  }
}
