package io.stateside.proxy.crdt;

import akka.cluster.ddata.ReplicatedData;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import io.stateside.protocol.crdt.VoteDelta;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plain value a user function holds, changed by deltas the way the protocol describes:
 * counters as longs, sets as sets, a register as its value, a flag as a boolean, a map of such
 * values, a vote as its tally. Written from the protocol, not from the proxy's code, so that
 * comparing these values checks what the proxy sends.
 */
final class UserFunctionValue {

  private UserFunctionValue() {
  }

  /** The value a user function holds after an init carrying this delta. */
  static Object of(CrdtDelta state) {
    return applied(null, state);
  }

  /** {@code value} (null: none yet) after {@code delta}. */
  static Object applied(Object value, CrdtDelta delta) {
    switch (delta.getDeltaCase()) {
      case GCOUNTER:
        return (value == null ? 0L : (Long) value) + delta.getGcounter().getIncrement();
      case PNCOUNTER:
        return (value == null ? 0L : (Long) value) + delta.getPncounter().getChange();
      case GSET:
        return union(value, Set.copyOf(delta.getGset().getAddedList()));
      case ORSET:
        return orSet(value, delta.getOrset());
      case LWWREGISTER:
        return delta.getLwwregister().getValue();
      case FLAG:
        return delta.getFlag().getValue();
      case ORMAP:
        return orMap(value, delta.getOrmap());
      case VOTE:
        VoteDelta vote = delta.getVote();
        return new Tally(vote.getSelfVote(), vote.getVotesFor(), vote.getTotalVoters());
      default:
        throw new AssertionError("Not a delta a user function knows: " + delta);
    }
  }

  /**
   * What a user function holds after it started with {@code seen} and was told, by
   * {@link CrdtDeltas#between}, of the change to {@code latest}.
   */
  static Object caughtUp(CrdtDeltas deltas, ReplicatedData seen, ReplicatedData latest) {
    Object held = of(deltas.state(seen));
    return deltas.between(seen, latest).map(delta -> applied(held, delta)).orElse(held);
  }

  record Tally(boolean selfVote, int votesFor, int voters) {
  }

  @SuppressWarnings("unchecked")
  private static Set<Any> union(Object value, Set<Any> added) {
    Set<Any> result = value == null ? new HashSet<>() : new HashSet<>((Set<Any>) value);
    result.addAll(added);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Set<Any> orSet(Object value, ORSetDelta delta) {
    Set<Any> result = value == null || delta.getCleared() ? new HashSet<>() : new HashSet<>((Set<Any>) value);
    delta.getRemovedList().forEach(result::remove);
    result.addAll(delta.getAddedList());
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<Any, Object> orMap(Object value, ORMapDelta delta) {
    Map<Any, Object> result =
        value == null || delta.getCleared() ? new HashMap<>() : new HashMap<>((Map<Any, Object>) value);
    delta.getRemovedList().forEach(result::remove);
    for (ORMapEntryDelta entry : delta.getUpdatedList()) {
      result.put(entry.getKey(), applied(result.get(entry.getKey()), entry.getDelta()));
    }
    for (ORMapEntryDelta entry : delta.getAddedList()) {
      result.put(entry.getKey(), of(entry.getDelta()));
    }
    return result;
  }
}
