package io.stateside.proxy.jdbc.testing.subscription;

import akka.projection.ProjectionId;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import java.util.Set;

/** A store the subscription crash scenario runs on: every module's test supplies its own. */
public interface SubscriptionStore {

  /** A short name for the test output. */
  String name();

  /** Starts the store's proxy in a process of its own, over the same data every time. */
  ProxyProcess startProxy(int userFunctionPort);

  /**
   * While no proxy runs: the events of {@code tag} after the offset {@code subscription} last
   * committed (all of them if it committed none), as {@code <entity id>/<sequence number>},
   * found the way the subscription finds them: with the store's read journal.
   */
  Set<String> eventsAfterCommittedOffset(ProjectionId subscription, String tag);

  /**
   * Whether events whose command was in doubt at the crash (stored, never acknowledged) may never
   * reach subscriptions on this store (Cassandra: docs/cassandra.md); they are then counted
   * rather than failed. Every acknowledged event must reach them on every store.
   */
  default boolean mayLoseEventsInDoubt() {
    return false;
  }
}
