package io.stateside.proxy.memory;

import akka.dispatch.Futures;
import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.journal.Tagged;
import akka.persistence.journal.japi.AsyncWriteJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The memory store's journal ({@code stateside.proxy.memory-journal}): events are kept as they
 * are, without serialization, in the {@link MemoryStore} of the actor system.
 */
public final class MemoryJournal extends AsyncWriteJournal {

  private final MemoryStore store = MemoryStore.get(context().system());

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    List<Optional<Exception>> results = new ArrayList<>();
    for (AtomicWrite write : messages) {
      Seq<PersistentRepr> payload = write.payload();
      List<PersistentRepr> events = new ArrayList<>(payload.size());
      List<Set<String>> tags = new ArrayList<>(payload.size());
      for (PersistentRepr event : CollectionConverters.asJava(payload)) {
        if (event.payload() instanceof Tagged tagged) {
          events.add(event.withPayload(tagged.payload()));
          tags.add(CollectionConverters.asJava(tagged.tags()));
        } else {
          events.add(event);
          tags.add(Set.of());
        }
      }
      store.append(write.persistenceId(), events, tags);
      results.add(Optional.empty());
    }
    return Futures.successful(results);
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    store.deleteTo(persistenceId, toSequenceNr);
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      Consumer<PersistentRepr> replayCallback) {
    store.events(persistenceId, fromSequenceNr, toSequenceNr, max).forEach(stored -> replayCallback.accept(stored.event()));
    return Futures.successful(null);
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return Futures.successful(store.highestSequenceNr(persistenceId));
  }
}
