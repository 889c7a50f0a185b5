package io.stateside.proxy.eventing.eventlog;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import akka.japi.Pair;
import akka.pattern.Patterns;
import akka.persistence.query.Offset;
import akka.projection.Projection;
import akka.projection.ProjectionBehavior;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.javadsl.SourceProvider;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.FlowWithContext;
import com.google.protobuf.Any;
import io.stateside.proxy.eventing.IncomingEvent;
import io.stateside.proxy.eventing.Subscription;
import io.stateside.proxy.eventing.SubscriptionSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the event-log subscriptions: one Akka projection per subscription in the whole cluster
 * (a sharded daemon process places them on the nodes and moves them when a node leaves), each
 * reading its event log by tag from the read journal and keeping its offset in the store.
 */
public final class EventLogSubscriptions {

  private static final Logger log = LoggerFactory.getLogger(EventLogSubscriptions.class);

  private EventLogSubscriptions() {
  }

  /**
   * Starts the subscriptions to event logs among {@code subscriptions} once the store is ready
   * for their offsets. {@code handler} delivers a subscription's events: given the subscription
   * it makes the flow that takes each event to the user function, one element out per event in,
   * in order.
   */
  public static void start(ActorSystem<?> system, List<Subscription> subscriptions, ProjectionStore store,
      String readJournalPluginId,
      Function<Subscription, Flow<Pair<IncomingEvent, ProjectionContext>, Pair<Done, ProjectionContext>, NotUsed>> handler) {
    List<Subscription> eventLogs = subscriptions.stream()
        .filter(subscription -> subscription.source() instanceof SubscriptionSource.EventLog)
        .toList();
    if (eventLogs.isEmpty()) {
      return;
    }
    List<Projection<EventEnvelope<Any>>> projections = eventLogs.stream()
        .map(subscription -> projection(system, subscription, store, readJournalPluginId, handler))
        .toList();
    prepared(system, store, Duration.ofSeconds(1)).thenRun(() -> {
      // Named after its subscriptions: nodes that disagree on them (a rolling upgrade that changed
      // them) run separate processes rather than mistake one subscription for another.
      String name = "stateside-event-log-subscriptions-" + Integer.toHexString(eventLogs.hashCode());
      ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, name, projections.size(),
          index -> ProjectionBehavior.create(projections.get(index)),
          ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
      log.info("Event-log subscriptions started: {}", eventLogs.stream().map(Subscription::describe).toList());
    });
  }

  private static Projection<EventEnvelope<Any>> projection(ActorSystem<?> system, Subscription subscription,
      ProjectionStore store, String readJournalPluginId,
      Function<Subscription, Flow<Pair<IncomingEvent, ProjectionContext>, Pair<Done, ProjectionContext>, NotUsed>> handler) {
    String eventLog = ((SubscriptionSource.EventLog) subscription.source()).persistenceId();
    // The proxy tags every event with its entity type's persistence id.
    SourceProvider<Offset, EventEnvelope<Any>> source =
        EventSourcedProvider.eventsByTag(system, readJournalPluginId, eventLog);
    Flow<Pair<EventEnvelope<Any>, ProjectionContext>, Pair<Done, ProjectionContext>, NotUsed> delivery =
        Flow.<Pair<EventEnvelope<Any>, ProjectionContext>>create()
            .map(pair -> Pair.create(EventLogEvents.incoming(eventLog, pair.first()), pair.second()))
            .via(handler.apply(subscription));
    return store.atLeastOnce(ProjectionId.of(subscription.consumerGroup(), eventLog), source,
        FlowWithContext.fromPairs(delivery));
  }

  /** The store's preparation, tried again with growing pauses until it succeeds. */
  private static CompletionStage<Done> prepared(ActorSystem<?> system, ProjectionStore store, Duration pause) {
    return store.prepare().exceptionallyCompose(error -> {
      log.warn("The store is not ready for event-log subscriptions' offsets ({}); trying again in {} s",
          error.getMessage(), pause.toSeconds());
      Duration next = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : pause.multipliedBy(2);
      return Patterns.after(pause, system.classicSystem().scheduler(), system.executionContext(),
          () -> prepared(system, store, next));
    });
  }
}
