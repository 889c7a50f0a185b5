package io.stateside.proxy.jdbc.testing.subscription;

import akka.actor.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.query.javadsl.CurrentEventsByTagQuery;
import akka.stream.javadsl.Sink;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A look at a store from the test's JVM, through a local actor system on the store's configuration. */
public final class TaggedEvents {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(120);

  private TaggedEvents() {
  }

  /** Runs {@code work} in a local actor system with the store's {@code config}, then stops it. */
  public static <T> T withLocalSystem(Config config, Function<ActorSystem, T> work) {
    ActorSystem system = ActorSystem.create("store-inspection", ConfigFactory.parseMap(Map.of(
            "akka.actor.provider", "local",
            "akka.remote.artery.canonical.port", 0))
        .withFallback(config));
    try {
      return work.apply(system);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /**
   * The events of {@code tag} after {@code offset}, as {@code <entity id>/<sequence number>}
   * (the entity id is what follows the persistence id's {@code |}), from the current events-by-tag
   * query of the store's read journal.
   */
  public static Set<String> after(ActorSystem system, String tag, Offset offset) {
    String readJournal = system.settings().config().getString("stateside.proxy.read-journal-plugin");
    CurrentEventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(CurrentEventsByTagQuery.class, readJournal);
    try {
      List<EventEnvelope> events = query.currentEventsByTag(tag, offset).runWith(Sink.seq(), system)
          .toCompletableFuture().get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Set<String> ids = new LinkedHashSet<>();
      for (EventEnvelope event : events) {
        String persistenceId = event.persistenceId();
        ids.add(persistenceId.substring(persistenceId.indexOf('|') + 1) + "/" + event.sequenceNr());
      }
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException("Could not read the events of tag " + tag + " after " + offset, e);
    }
  }
}
