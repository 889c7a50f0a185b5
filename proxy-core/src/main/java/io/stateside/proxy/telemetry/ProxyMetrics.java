package io.stateside.proxy.telemetry;

import akka.actor.AbstractExtensionId;
import akka.actor.ActorSystem;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy node's Prometheus metrics (client_java), one registry per actor system so that
 * several nodes in one JVM (tests) keep theirs apart. Names follow the Prometheus conventions:
 * a {@code stateside_} prefix, base units (seconds), {@code _total} on counters; they are listed
 * in docs/cluster.md. The registry also holds the JVM metrics and, once the cluster metrics are
 * started, the cluster's and sharding's.
 */
public final class ProxyMetrics implements Extension {

  /** Latencies from a fraction of a millisecond (in-memory store) to the longest call deadline. */
  private static final double[] SECONDS = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  /** How far a subscription lags: from milliseconds when it keeps up to an hour when it catches up. */
  private static final double[] LAG_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};
  private static final double[] EVENTS = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, EntityMetrics> entities = new ConcurrentHashMap<>();
  private final Map<String, SubscriptionMetrics> subscriptions = new ConcurrentHashMap<>();

  final Counter calls;
  final Histogram callDuration;
  final Gauge entitiesActive;
  final Counter activations;
  final Counter passivations;
  final Histogram recoveryDuration;
  final Counter eventsReplayed;
  final Histogram journalWriteDuration;
  final Histogram journalWriteEvents;
  final Counter streamFailures;
  final Counter restarts;
  final Counter subscriptionEvents;
  final Histogram subscriptionLag;

  private ProxyMetrics() {
    calls = register(Counter.builder().name("stateside_calls")
        .help("Calls of the user's gRPC methods answered by this node's frontend, by gRPC status")
        .labelNames("service", "method", "status").build());
    callDuration = register(Histogram.builder().name("stateside_call_duration_seconds").unit(Unit.SECONDS)
        .help("Time from a call's arrival until its status is sent").classicOnly().classicUpperBounds(SECONDS)
        .labelNames("service", "method", "status").build());
    entitiesActive = register(Gauge.builder().name("stateside_entities_active")
        .help("Entities active on this node").labelNames("kind", "service").build());
    activations = register(Counter.builder().name("stateside_entity_activations")
        .help("Entities started on this node").labelNames("kind", "service").build());
    passivations = register(Counter.builder().name("stateside_entity_passivations")
        .help("Entities passivated or handed off on this node").labelNames("kind", "service").build());
    recoveryDuration = register(Histogram.builder().name("stateside_entity_recovery_duration_seconds")
        .unit(Unit.SECONDS).help("Time to load an entity (snapshot and events) into the user function")
        .classicOnly().classicUpperBounds(SECONDS).labelNames("kind", "service").build());
    eventsReplayed = register(Counter.builder().name("stateside_entity_recovery_events")
        .help("Events replayed to the user function while loading entities").labelNames("kind", "service").build());
    journalWriteDuration = register(Histogram.builder().name("stateside_journal_write_duration_seconds")
        .unit(Unit.SECONDS).help("Time until a journal write is durable").classicOnly().classicUpperBounds(SECONDS)
        .labelNames("kind", "service").build());
    journalWriteEvents = register(Histogram.builder().name("stateside_journal_write_events")
        .help("Events stored by one journal write").classicOnly().classicUpperBounds(EVENTS)
        .labelNames("kind", "service").build());
    streamFailures = register(Counter.builder().name("stateside_user_function_stream_failures")
        .help("Entity streams to the user function that failed, broke the protocol or stopped answering")
        .labelNames("kind", "service").build());
    restarts = register(Counter.builder().name("stateside_entity_restarts")
        .help("Entities restarted from their journal after a failure").labelNames("kind", "service").build());
    subscriptionEvents = register(Counter.builder().name("stateside_subscription_events")
        .help("Events of eventing subscriptions handled on this node, by outcome")
        .labelNames("subscription", "outcome").build());
    subscriptionLag = register(Histogram.builder().name("stateside_subscription_lag_seconds").unit(Unit.SECONDS)
        .help("Age of an event when its delivery to the user function was done").classicOnly()
        .classicUpperBounds(LAG_SECONDS).labelNames("subscription").build());
    JvmMetrics.builder().register(registry);
  }

  private <M extends io.prometheus.metrics.model.registry.Collector> M register(M metric) {
    registry.register(metric);
    return metric;
  }

  /** The metrics of this actor system's node. */
  public static ProxyMetrics get(ActorSystem system) {
    return Id.INSTANCE.get(system);
  }

  /** Metrics that nobody scrapes, for code run without a proxy node (unit tests). */
  public static ProxyMetrics unregistered() {
    return new ProxyMetrics();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The metrics of the entities of {@code service} of the entity kind {@code kind}. */
  public EntityMetrics entities(String kind, String service) {
    return entities.computeIfAbsent(kind + "\u0000" + service, key -> new EntityMetrics(this, kind, service));
  }

  /** The metrics of an eventing subscription, named {@code <consumer group>@<source>}. */
  public SubscriptionMetrics subscription(String name) {
    return subscriptions.computeIfAbsent(name, key -> new SubscriptionMetrics(this, key));
  }

  /** Counts one answered call. */
  public void callAnswered(String service, String method, String status, long nanos) {
    calls.labelValues(service, method, status).inc();
    callDuration.labelValues(service, method, status).observe(nanos / 1e9);
  }

  private static final class Id extends AbstractExtensionId<ProxyMetrics> {
    static final Id INSTANCE = new Id();

    @Override
    public ProxyMetrics createExtension(ExtendedActorSystem system) {
      return new ProxyMetrics();
    }
  }
}
