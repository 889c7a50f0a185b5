package io.stateside.tck.interceptor;

import static io.stateside.tck.scenario.Show.show;

import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What crossed the interceptor, as one scenario sees it. The scenario takes the streams of its
 * entities one after the other; when it ends, every message on them must have been expected, and
 * the proxy must have opened no stream for its entities that it did not expect.
 */
public final class ScenarioTraffic {

  private final Interceptor interceptor;
  private final Set<String> scenarioEntityIds;
  private final Map<StreamKey, Integer> taken = new HashMap<>();
  private final List<RecordedStream<?, ?>> seen = new ArrayList<>();

  /** @param scenarioEntityIds the entity ids the scenario uses, as it creates them */
  public ScenarioTraffic(Interceptor interceptor, Set<String> scenarioEntityIds) {
    this.interceptor = interceptor;
    this.scenarioEntityIds = scenarioEntityIds;
  }

  /** The entity's next event-sourced stream this scenario has not looked at yet, waiting for it to open. */
  public RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> nextEventSourcedStream(String service, String entityId) {
    return next(interceptor.eventSourced(), new StreamKey(service, entityId));
  }

  /** The entity's next value-entity stream this scenario has not looked at yet, waiting for it to open. */
  public RecordedStream<ValueEntityStreamIn, ValueEntityStreamOut> nextValueEntityStream(String service, String entityId) {
    return next(interceptor.valueEntity(), new StreamKey(service, entityId));
  }

  /** The entity's next CRDT stream this scenario has not looked at yet, waiting for it to open. */
  public RecordedStream<CrdtStreamIn, CrdtStreamOut> nextCrdtStream(String service, String entityId) {
    return next(interceptor.crdt(), new StreamKey(service, entityId));
  }

  /**
   * The next call of the action service this scenario made with the call id (sent as the
   * {@link Interceptor#CALL_ID_HEADER} header), or that delivers an event whose subject is that id
   * (an event of the entity with that id), waiting for it to reach the interceptor.
   */
  public RecordedStream<ActionCommand, ActionResponse> nextActionCall(String service, String callId) {
    return next(interceptor.action(), new StreamKey(service, callId));
  }

  /**
   * The first call of the action service, among those with no call id and no event subject (a
   * forward, a side effect) that this scenario has not looked at yet, whose first message
   * {@code wanted} accepts (say, by its payload), waiting for it to reach the interceptor.
   *
   * @param what the call, as a failure names it
   */
  public RecordedStream<ActionCommand, ActionResponse> nextUnnamedActionCall(
      String service, Predicate<ActionCommand> wanted, String what) {
    StreamKey unnamed = new StreamKey(service, "");
    RecordedStream<ActionCommand, ActionResponse> stream = interceptor.action().awaitFirst(candidate ->
        candidate.key().filter(unnamed::equals).isPresent()
            && !seen.contains(candidate)
            && candidate.firstFromProxyAsSent().filter(wanted).isPresent(), what);
    seen.add(stream);
    return stream;
  }

  private <I, O> RecordedStream<I, O> next(StreamRecorder<I, O> recorder, StreamKey key) {
    int index = taken.merge(key, 1, Integer::sum) - 1;
    RecordedStream<I, O> stream = recorder.await(key, index);
    seen.add(stream);
    return stream;
  }

  public DiscoveryInterceptor discovery() {
    return interceptor.discovery();
  }

  /** Fails on any message or stream of this scenario's entities that the scenario did not expect. */
  public void verifyNothingUnexpected() {
    List<String> problems = new ArrayList<>();
    for (RecordedStream<?, ?> stream : seen) {
      List<Object> rest = stream.unconsumed();
      if (!rest.isEmpty()) {
        problems.add(stream + " carried unexpected messages: " + show(rest));
      }
    }
    List<RecordedStream<?, ?>> all = new ArrayList<>(
        interceptor.eventSourced().streams(key -> scenarioEntityIds.contains(key.entityId())));
    all.addAll(interceptor.valueEntity().streams(key -> scenarioEntityIds.contains(key.entityId())));
    all.addAll(interceptor.crdt().streams(key -> scenarioEntityIds.contains(key.entityId())));
    all.addAll(interceptor.action().streams(key -> scenarioEntityIds.contains(key.entityId())));
    all.stream()
        .filter(stream -> !seen.contains(stream))
        .forEach(stream -> problems.add("the proxy opened an unexpected " + stream + ": " + show(stream.unconsumed())));
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }
}
