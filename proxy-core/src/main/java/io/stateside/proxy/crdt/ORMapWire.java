package io.stateside.proxy.crdt;

import akka.cluster.ddata.ORMap;
import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.SelfUniqueAddress;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ORMap: values are CRDTs of any type, converted through {@link CrdtDeltas} again. A delta
 * clears, removes keys, updates existing values, then adds new ones, in that order.
 */
final class ORMapWire implements CrdtWire<ORMap<Any, ReplicatedData>> {

  private final SelfUniqueAddress node;
  private final CrdtDeltas values;

  ORMapWire(SelfUniqueAddress node, CrdtDeltas values) {
    this.node = node;
    this.values = values;
  }

  @Override
  public Class<?> dataClass() {
    return ORMap.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.ORMAP;
  }

  @Override
  public ORMap<Any, ReplicatedData> create(CrdtDelta delta) {
    return apply(ORMap.create(), delta);
  }

  @Override
  public ORMap<Any, ReplicatedData> apply(ORMap<Any, ReplicatedData> current, CrdtDelta delta) {
    ORMapDelta change = delta.getOrmap();
    ORMap<Any, ReplicatedData> result = current;
    if (change.getCleared()) {
      for (Any key : current.getEntries().keySet()) {
        result = result.remove(node, key);
      }
    }
    for (Any key : change.getRemovedList()) {
      result = result.remove(node, key);
    }
    for (ORMapEntryDelta entry : change.getUpdatedList()) {
      result = updated(result, entry);
    }
    for (ORMapEntryDelta entry : change.getAddedList()) {
      CrdtDelta valueDelta = entryDelta(entry);
      // An added key that exists already (added concurrently here) takes the delta on its value.
      Function<ReplicatedData, ReplicatedData> modify = result.contains(entry.getKey())
          ? existing -> values.apply(existing, valueDelta)
          : Function.identity();
      result = result.update(node, entry.getKey(), values.create(valueDelta), modify);
    }
    return result;
  }

  /**
   * The user function updates the value it knows, which another node may have removed, or
   * removed and added again with another type, since: the update then has nothing to act on,
   * and the user function learns of the change through {@link #between}.
   */
  private ORMap<Any, ReplicatedData> updated(ORMap<Any, ReplicatedData> map, ORMapEntryDelta entry) {
    CrdtDelta valueDelta = entryDelta(entry);
    ReplicatedData existing = map.getEntries().get(entry.getKey());
    if (existing == null || !values.accepts(existing, valueDelta)) {
      return map;
    }
    return map.update(node, entry.getKey(), existing, value -> values.apply(value, valueDelta));
  }

  private static CrdtDelta entryDelta(ORMapEntryDelta entry) {
    if (!entry.hasKey() || !entry.hasDelta()) {
      throw new CrdtDeltaMismatch("An ORMap entry delta needs both a key and a delta");
    }
    return entry.getDelta();
  }

  @Override
  public CrdtDelta state(ORMap<Any, ReplicatedData> data) {
    ORMapDelta.Builder state = ORMapDelta.newBuilder();
    data.getEntries().forEach((key, value) -> state.addAdded(entry(key, values.state(value))));
    return CrdtDelta.newBuilder().setOrmap(state).build();
  }

  @Override
  public Optional<CrdtDelta> between(ORMap<Any, ReplicatedData> seen, ORMap<Any, ReplicatedData> latest) {
    Map<Any, ReplicatedData> before = seen.getEntries();
    Map<Any, ReplicatedData> after = latest.getEntries();
    if (after.isEmpty()) {
      return before.isEmpty()
          ? Optional.empty()
          : Optional.of(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder().setCleared(true)).build());
    }
    ORMapDelta.Builder change = ORMapDelta.newBuilder();
    before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(change::addRemoved);
    after.forEach((key, value) -> {
      ReplicatedData old = before.get(key);
      if (old == null) {
        change.addAdded(entry(key, values.state(value)));
      } else if (!values.continues(old, value)) {
        // Removed and added again elsewhere: the old value cannot become the new one by a delta.
        change.addRemoved(key);
        change.addAdded(entry(key, values.state(value)));
      } else {
        values.between(old, value).ifPresent(delta -> change.addUpdated(entry(key, delta)));
      }
    });
    ORMapDelta built = change.build();
    return built.equals(ORMapDelta.getDefaultInstance())
        ? Optional.empty()
        : Optional.of(CrdtDelta.newBuilder().setOrmap(built).build());
  }

  private static ORMapEntryDelta entry(Any key, CrdtDelta delta) {
    return ORMapEntryDelta.newBuilder().setKey(key).setDelta(delta).build();
  }
}
