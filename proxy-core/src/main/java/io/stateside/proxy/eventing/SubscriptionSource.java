package io.stateside.proxy.eventing;

/** Where a subscription's events come from: an entity type's event log, or a topic. */
public sealed interface SubscriptionSource {

  /** A short name for logs and metric labels: {@code event-log:<persistence id>} or {@code topic:<name>}. */
  String id();

  /** Every event of the event-sourced entities with this persistence id, from the journal. */
  record EventLog(String persistenceId) implements SubscriptionSource {
    @Override
    public String id() {
      return "event-log:" + persistenceId;
    }

    @Override
    public String toString() {
      return "event log '" + persistenceId + "'";
    }
  }

  /** The messages of a topic of the message broker. */
  record Topic(String name) implements SubscriptionSource {
    @Override
    public String id() {
      return "topic:" + name;
    }

    @Override
    public String toString() {
      return "topic '" + name + "'";
    }
  }
}
