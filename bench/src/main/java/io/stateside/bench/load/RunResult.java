package io.stateside.bench.load;

import io.stateside.bench.metrics.ResourceMonitor;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run measured.
 *
 * @param plan the run
 * @param seconds length of the measured window
 * @param succeeded requests answered successfully within the window
 * @param errors failed requests within the window, by gRPC status code
 * @param unfinished requests still unanswered when the run gave up waiting for them
 * @param freshActivations measured replies whose entity had just been started for that command
 * @param wrongValues measured replies whose counter value was not the expected one
 * @param latency latencies of the measured successful requests, in microseconds
 * @param usage CPU and memory of the watched processes over the window
 */
public record RunResult(
    RunPlan plan,
    double seconds,
    long succeeded,
    Map<String, Long> errors,
    long unfinished,
    long freshActivations,
    long wrongValues,
    Histogram latency,
    ResourceMonitor.Usage usage) {

  /** @return successful requests per second over the measured window */
  public double throughput() {
    return seconds > 0 ? succeeded / seconds : 0;
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @return a latency percentile in milliseconds, 0 when nothing was measured */
  public double latencyMillis(double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxLatencyMillis() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
  }

  public double meanLatencyMillis() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1000.0;
  }
}
