package io.stateside.proxy.eventing;

import akka.Done;
import akka.actor.ActorSystem;
import akka.stream.Materializer;
import akka.stream.javadsl.Sink;
import io.grpc.Status;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.Deadline;
import io.stateside.proxy.routing.MethodRoute;
import io.stateside.proxy.telemetry.ProxyMetrics;
import io.stateside.proxy.telemetry.SubscriptionMetrics;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Hands one event of a subscription to the method that takes its type, through the router as a
 * call of its own (forwards, side effects and the method's topic included), and completes once
 * the call is done: only then may the source commit the event's offset.
 *
 * <p>A failed call fails the stage, and the source retries from its last committed offset after
 * a back-off: nothing is lost, which is the point of a subscription. With {@code skip-failed}
 * on, an event the user function itself refused (its failure reply, or an event its method
 * cannot take) is logged and passed over instead, so that one bad event does not hold the
 * subscription up; an unreachable user function is retried either way.
 */
final class EventDelivery {

  private static final ThrottledLog log =
      new ThrottledLog(LoggerFactory.getLogger(EventDelivery.class), Duration.ofSeconds(10));

  private final CommandRouter router;
  private final EventingSettings settings;
  private final ProxyMetrics metrics;
  private final Materializer materializer;
  private final Set<String> unroutedTypes = ConcurrentHashMap.newKeySet();

  EventDelivery(CommandRouter router, EventingSettings settings, ActorSystem system) {
    this.router = router;
    this.settings = settings;
    this.metrics = ProxyMetrics.get(system);
    this.materializer = Materializer.matFromSystem(system);
  }

  CompletionStage<Done> deliver(Subscription subscription, IncomingEvent event) {
    SubscriptionMetrics counts = metrics.subscription(subscription.describe());
    String typeUrl = event.payload().getTypeUrl();
    Optional<SubscriberMethod> method = subscription.methodFor(typeUrl);
    if (method.isEmpty()) {
      if (unroutedTypes.add(subscription.describe() + " " + typeUrl)) {
        LoggerFactory.getLogger(EventDelivery.class).info("Subscription {}: no method of {} takes {}, so such events "
            + "are passed over", subscription.describe(), subscription.serviceName(), typeUrl);
      }
      counts.passedOver();
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    MethodRoute route = router.find(method.get().serviceName(), method.get().methodName()).orElseThrow();
    CompletionStage<Done> delivered;
    try {
      // A plain future: stages chained on Akka's would start a thread each with fewer than three CPUs.
      delivered = PlainFutures.of(router.deliver(route, event.payload(), event.cloudEvent().toMetadata(),
              Deadline.in(settings.deliveryTimeout()), event.cloudEvent().subject())
          .runWith(Sink.ignore(), materializer));
    } catch (RuntimeException refused) { // the event names no usable entity key
      delivered = CompletableFuture.failedFuture(refused);
    }
    return delivered.handle((done, error) -> {
      if (error == null) {
        counts.delivered(ageMillis(event));
        return Done.getInstance();
      }
      Status status = Status.fromThrowable(PlainFutures.causeOf(error));
      String what = "Subscription " + subscription.describe() + ": " + route.path() + " did not take event "
          + event.cloudEvent().get(CloudEvent.ID).orElse("?") + " (" + status.getCode()
          + (status.getDescription() == null ? "" : ": " + status.getDescription()) + ")";
      if (settings.skipFailed() && refusedByUserFunction(status)) {
        log.warn("skipped", "{}; passed over (skip-failed is on)", what);
        counts.skipped();
        return Done.getInstance();
      }
      counts.failed();
      log.warn("retry", "{}; the subscription starts again from its last committed event after a back-off", what);
      throw new EventNotDelivered(what);
    });
  }

  /** Milliseconds since the event was created, or -1 when its time is not known. */
  private static long ageMillis(IncomingEvent event) {
    try {
      return event.cloudEvent().get(CloudEvent.TIME)
          .map(time -> System.currentTimeMillis() - Instant.parse(time).toEpochMilli())
          .orElse(-1L);
    } catch (DateTimeParseException notIso) {
      return -1;
    }
  }

  /** The user function decided against the event; trying again would get the same answer. */
  private static boolean refusedByUserFunction(Status status) {
    return status.getCode() == Status.Code.UNKNOWN || status.getCode() == Status.Code.INVALID_ARGUMENT;
  }

  /**
   * Fails a subscription's stream, so that it starts again from its last committed offset. Its
   * message says all there is (the status and its description): Akka logs each restart, and a
   * stack trace per restart would say nothing more.
   */
  static final class EventNotDelivered extends RuntimeException {
    EventNotDelivered(String message) {
      super(message, null, false, false);
    }
  }
}
