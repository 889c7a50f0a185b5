package io.stateside.bench.suite;

import io.stateside.bench.load.CommandMix;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How to run the standard suite.
 *
 * @param store the proxy's store, for the report
 * @param host where the proxy and the user function listen
 * @param proxyPort the proxy's gRPC port
 * @param userFunctionPort the user function's port, needed for the baseline
 * @param pids processes to watch by role ({@code proxy}, {@code user-function})
 * @param warmup warm-up of each timed run
 * @param firstWarmup warm-up of the first timed run through the proxy, which also lets the
 *     proxy's JIT compiler finish its work
 * @param duration measured time of each timed run
 * @param spreadEntities entities of the spread load
 * @param inFlight requests in flight in every run
 * @param activationEntities entities of each activation run
 * @param activationEvents events stored per entity before its activation
 * @param mix command mix of the spread and hot loads
 * @param scenarios which parts to run
 * @param runId prefix of every entity id, so runs against a kept store do not meet old entities
 * @param callTimeout deadline of each request
 * @param readyTimeout how long to wait for the proxy to serve
 * @param acceptGzip whether the client accepts gzip-compressed replies (grpc-java's default)
 */
public record SuiteSettings(
    String store,
    String host,
    int proxyPort,
    OptionalInt userFunctionPort,
    Map<String, Long> pids,
    Duration warmup,
    Duration firstWarmup,
    Duration duration,
    int spreadEntities,
    int inFlight,
    int activationEntities,
    int activationEvents,
    CommandMix mix,
    Set<Scenario> scenarios,
    String runId,
    Duration callTimeout,
    Duration readyTimeout,
    boolean acceptGzip) {

  public SuiteSettings {
    pids = Map.copyOf(pids);
    scenarios = Set.copyOf(scenarios);
    if (scenarios.contains(Scenario.BASELINE) && userFunctionPort.isEmpty()) {
      throw new IllegalArgumentException("The baseline needs the user function's port");
    }
  }
}
