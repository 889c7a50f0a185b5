package io.stateside.proxy.telemetry;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * The metrics of the entities of one service of one entity kind on this node, bound to their
 * {@code kind} and {@code service} labels. Any entity kind calls the same few points: when an
 * entity starts and stops, when its state is loaded, when it writes to the journal, when its
 * stream to the user function fails and it restarts. Every method is cheap and thread-safe.
 */
public final class EntityMetrics {

  private final GaugeDataPoint active;
  private final CounterDataPoint activations;
  private final CounterDataPoint passivations;
  private final DistributionDataPoint recoveryDuration;
  private final CounterDataPoint eventsReplayed;
  private final DistributionDataPoint writeDuration;
  private final DistributionDataPoint eventsPerWrite;
  private final CounterDataPoint streamFailures;
  private final CounterDataPoint restarts;

  EntityMetrics(ProxyMetrics metrics, String kind, String service) {
    this.active = metrics.entitiesActive.labelValues(kind, service);
    this.activations = metrics.activations.labelValues(kind, service);
    this.passivations = metrics.passivations.labelValues(kind, service);
    this.recoveryDuration = metrics.recoveryDuration.labelValues(kind, service);
    this.eventsReplayed = metrics.eventsReplayed.labelValues(kind, service);
    this.writeDuration = metrics.journalWriteDuration.labelValues(kind, service);
    this.eventsPerWrite = metrics.journalWriteEvents.labelValues(kind, service);
    this.streamFailures = metrics.streamFailures.labelValues(kind, service);
    this.restarts = metrics.restarts.labelValues(kind, service);
  }

  /** An entity started on this node (activation, or arrival after a rebalance or failover). */
  public void activated() {
    active.inc();
    activations.inc();
  }

  /** An entity was asked to passivate (idle, or handed off to another node). */
  public void passivated() {
    passivations.inc();
  }

  /** An entity stopped on this node, for whatever reason. */
  public void stopped() {
    active.dec();
  }

  /** An entity's state was loaded and handed to the user function. */
  public void recovered(long nanos, long events) {
    recoveryDuration.observe(nanos / 1e9);
    eventsReplayed.inc(events);
  }

  /** A journal write of {@code events} events became durable after {@code nanos}. */
  public void journalWritten(long nanos, int events) {
    writeDuration.observe(nanos / 1e9);
    eventsPerWrite.observe(events);
  }

  /** The stream to the user function failed, broke the protocol or stopped answering. */
  public void streamFailed() {
    streamFailures.inc();
  }

  /** An entity restarted from its journal (a new stream after a failure). */
  public void restarted() {
    restarts.inc();
  }
}
