package io.stateside.proxy.cassandra;

import akka.Done;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.pattern.Patterns;
import akka.persistence.JournalProtocol;
import akka.persistence.Persistence;
import akka.persistence.SnapshotProtocol;
import akka.persistence.SnapshotSelectionCriteria;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks the journal and the snapshot store of a running proxy for a persistence id that never
 * exists: both answer once their session to Cassandra is up and their tables exist.
 */
public final class StoreProbe {

  static final String JOURNAL_PLUGIN = "akka.persistence.cassandra.journal";
  static final String SNAPSHOT_PLUGIN = "akka.persistence.cassandra.snapshot";
  private static final String PROBE_PERSISTENCE_ID = "stateside-store-probe";

  private StoreProbe() {}

  /** Completes when both answered; fails with the first failure or after {@code timeout}. */
  public static CompletionStage<Done> probe(ActorSystem system, Duration timeout) {
    Persistence persistence = Persistence.get(system);
    ActorRef journal = persistence.journalFor(JOURNAL_PLUGIN, ConfigFactory.empty());
    ActorRef snapshots = persistence.snapshotStoreFor(SNAPSHOT_PLUGIN, ConfigFactory.empty());
    CompletionStage<Done> journalRead = Patterns.askWithReplyTo(journal,
            replyTo -> new JournalProtocol.ReplayMessages(1, 0, 0, PROBE_PERSISTENCE_ID, replyTo), timeout)
        .thenCompose(answer -> answer instanceof JournalProtocol.ReplayMessagesFailure failure
            ? CompletableFuture.failedFuture(failure.cause())
            : CompletableFuture.completedFuture(Done.getInstance()));
    CompletionStage<Done> snapshotRead = Patterns.ask(snapshots,
            new SnapshotProtocol.LoadSnapshot(PROBE_PERSISTENCE_ID, SnapshotSelectionCriteria.latest(), Long.MAX_VALUE),
            timeout)
        .thenCompose(answer -> answer instanceof SnapshotProtocol.LoadSnapshotFailed failure
            ? CompletableFuture.failedFuture(failure.cause())
            : CompletableFuture.completedFuture(Done.getInstance()));
    return journalRead.thenCombine(snapshotRead, (a, b) -> Done.getInstance());
  }
}
