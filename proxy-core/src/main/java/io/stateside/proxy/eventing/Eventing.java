package io.stateside.proxy.eventing;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.japi.Pair;
import akka.stream.javadsl.Flow;
import com.google.protobuf.Descriptors.MethodDescriptor;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.eventing.eventlog.EventLogSubscriptions;
import io.stateside.proxy.eventing.eventlog.ProjectionStore;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.MethodRoute;
import io.stateside.proxy.routing.ReplyPublisher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eventing ({@code cloudstate.eventing}) on a running proxy: the topics methods publish their
 * replies to, and the subscriptions that feed methods from event logs and topics.
 */
public final class Eventing {

  private static final Logger log = LoggerFactory.getLogger(Eventing.class);

  private Eventing() {
  }

  /** For the router: a publisher for every method with a destination. */
  public static Map<String, ReplyPublisher> publishers(
      EventingSpec spec, List<UserEntity> entities, Optional<TopicSupport> topics) {
    Map<String, ReplyPublisher> publishers = new HashMap<>();
    if (topics.isEmpty()) {
      return publishers; // discovery refused any destination
    }
    for (UserEntity entity : entities) {
      for (MethodDescriptor method : entity.service().getMethods()) {
        String path = MethodRoute.pathOf(entity.serviceName(), method.getName());
        String topic = spec.destinations().get(path);
        if (topic != null) {
          publishers.put(path, new TopicReplyPublisher(topic, entity.serviceName(),
              method.getOutputType().getFullName(), topics.get()));
        }
      }
    }
    return publishers;
  }

  /** Starts the subscriptions; their events reach the user function through {@code router}. */
  public static void start(ActorSystem system, EventingSpec spec, CommandRouter router, EventingSettings settings,
      String readJournalPluginId, Optional<TopicSupport> topics) {
    if (spec.subscriptions().isEmpty()) {
      return;
    }
    EventDelivery delivery = new EventDelivery(router, settings, system);
    EventLogSubscriptions.start(Adapter.toTyped(system), spec.subscriptions(), projectionStore(system, settings),
        readJournalPluginId, subscription -> inOrderBySubject(subscription, delivery, settings.parallelism(), settings.lookAhead()));
    topics.ifPresent(support -> spec.subscriptions().stream()
        .filter(subscription -> subscription.source() instanceof SubscriptionSource.Topic)
        .forEach(subscription -> {
          support.subscribe(subscription, event -> delivery.deliver(subscription, event));
          log.info("Subscribed to {}", subscription.describe());
        }));
  }

  /**
   * Delivers events with their context, {@code parallelism} at a time but those with the same
   * subject (of one entity) one after the other; emits each context once its event is delivered,
   * in the order the events came. Up to {@code lookAhead} events are taken in at once, so that the
   * events of other entities behind a run of one entity's go ahead while that run is delivered.
   */
  static <C> Flow<Pair<IncomingEvent, C>, Pair<Done, C>, NotUsed> inOrderBySubject(
      Subscription subscription, EventDelivery delivery, int parallelism, int lookAhead) {
    return Flow.<Pair<IncomingEvent, C>, Pair<Done, C>, NotUsed>fromMaterializer((materializer, attributes) -> {
      KeyedSequencer sequencer = new KeyedSequencer(parallelism, lookAhead); // one per run: a restart starts clean
      return Flow.<Pair<IncomingEvent, C>>create()
          .<Pair<Done, C>>mapAsync(lookAhead, pair ->
              sequencer.submit(pair.first().cloudEvent().subject(), () -> delivery.deliver(subscription, pair.first()))
                  .thenApply(done -> Pair.create(done, pair.second())))
          .watchTermination((notUsed, ended) -> {
            PlainFutures.of(ended).whenComplete((done, error) -> sequencer.close());
            return notUsed;
          });
    }).mapMaterializedValue(ignored -> NotUsed.notUsed());
  }

  private static ProjectionStore projectionStore(ActorSystem system, EventingSettings settings) {
    try {
      return (ProjectionStore) Class.forName(settings.projectionStore())
          .getConstructor(akka.actor.typed.ActorSystem.class)
          .newInstance(Adapter.toTyped(system));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("stateside.proxy.eventing.projection-store: " + settings.projectionStore()
          + " is not a ProjectionStore with a public constructor taking the typed ActorSystem", e);
    }
  }
}
