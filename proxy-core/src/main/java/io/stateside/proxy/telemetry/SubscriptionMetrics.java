package io.stateside.proxy.telemetry;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * The metrics of one eventing subscription on this node, bound to its {@code subscription} label
 * ({@code <consumer group>@<source>}): what became of its events, and how old an event was when
 * its delivery was done (how far the subscription lags behind its source).
 */
public final class SubscriptionMetrics {

  private final CounterDataPoint delivered;
  private final CounterDataPoint passedOver;
  private final CounterDataPoint skipped;
  private final CounterDataPoint failed;
  private final DistributionDataPoint lag;

  SubscriptionMetrics(ProxyMetrics metrics, String subscription) {
    this.delivered = metrics.subscriptionEvents.labelValues(subscription, "delivered");
    this.passedOver = metrics.subscriptionEvents.labelValues(subscription, "passed_over");
    this.skipped = metrics.subscriptionEvents.labelValues(subscription, "skipped");
    this.failed = metrics.subscriptionEvents.labelValues(subscription, "failed");
    this.lag = metrics.subscriptionLag.labelValues(subscription);
  }

  /** An event's call completed, {@code ageMillis} after the event was created (negative: not known). */
  public void delivered(long ageMillis) {
    delivered.inc();
    if (ageMillis >= 0) {
      lag.observe(ageMillis / 1e3);
    }
  }

  /** No method of the subscription takes the event's type. */
  public void passedOver() {
    passedOver.inc();
  }

  /** The user function refused the event and skip-failed passed it over. */
  public void skipped() {
    skipped.inc();
  }

  /** The event's call failed; the subscription starts again from its last offset. */
  public void failed() {
    failed.inc();
  }
}
