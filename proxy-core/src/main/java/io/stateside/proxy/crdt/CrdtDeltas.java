package io.stateside.proxy.crdt;

import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.SelfUniqueAddress;
import io.stateside.protocol.crdt.CrdtDelta;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts between the protocol's deltas and Akka's replicated data, as seen from one node. */
public final class CrdtDeltas {

  private final Map<Class<?>, CrdtWire<?>> byDataClass = new HashMap<>();
  private final Map<CrdtDelta.DeltaCase, CrdtWire<?>> byDeltaCase = new EnumMap<>(CrdtDelta.DeltaCase.class);

  public CrdtDeltas(SelfUniqueAddress node) {
    List<CrdtWire<?>> wires = List.of(
        new GCounterWire(node),
        new PNCounterWire(node),
        new GSetWire(),
        new ORSetWire(node),
        new LWWRegisterWire(node),
        new FlagWire(),
        new ORMapWire(node, this),
        new VoteWire(node));
    for (CrdtWire<?> wire : wires) {
      byDataClass.put(wire.dataClass(), wire);
      byDeltaCase.put(wire.deltaCase(), wire);
    }
  }

  /** A new CRDT holding what the delta says: the first update of an entity that has no state yet. */
  public ReplicatedData create(CrdtDelta delta) {
    CrdtWire<?> wire = byDeltaCase.get(delta.getDeltaCase());
    if (wire == null) {
      throw new CrdtDeltaMismatch("The user function sent an empty CRDT delta");
    }
    return wire.create(delta);
  }

  /** The user function's delta applied to the current data; CrdtDeltaMismatch if the types differ. */
  public ReplicatedData apply(ReplicatedData current, CrdtDelta delta) {
    if (!accepts(current, delta)) {
      throw new CrdtDeltaMismatch(delta.getDeltaCase() == CrdtDelta.DeltaCase.DELTA_NOT_SET
          ? "The user function sent an empty CRDT delta to a " + typeName(current)
          : "The user function sent a " + typeName(delta) + " delta to a " + typeName(current));
    }
    return wireOf(current).apply(current, delta);
  }

  /** The whole state as one delta, for CrdtInit.delta when an entity starts on a node. */
  public CrdtDelta state(ReplicatedData data) {
    return wireOf(data).state(data);
  }

  /**
   * What the user function must be told to go from {@code seen} to {@code latest} (remote
   * updates); empty when no visible change.
   */
  public Optional<CrdtDelta> between(ReplicatedData seen, ReplicatedData latest) {
    if (seen == latest) {
      return Optional.empty();
    }
    if (!continues(seen, latest)) {
      // One key holds one CRDT that only moves forward: this is a bug, not user input.
      throw new IllegalStateException(
          "No delta leads from " + seen + " to " + latest + ": not the same CRDT, or it went backwards");
    }
    return wireOf(latest).between(seen, latest);
  }

  /** "GCounter", "ORMap", ... for messages and logs. */
  public static String typeName(ReplicatedData data) {
    // Every supported type is a final class of that name.
    return data.getClass().getSimpleName();
  }

  /** Whether {@code delta} is for the type of {@code data}. */
  boolean accepts(ReplicatedData data, CrdtDelta delta) {
    return wireOf(data).deltaCase() == delta.getDeltaCase();
  }

  /** Whether {@code latest} is a later version of the same CRDT as {@code seen}. */
  boolean continues(ReplicatedData seen, ReplicatedData latest) {
    return seen.getClass() == latest.getClass() && wireOf(latest).followsFrom(seen, latest);
  }

  private String typeName(CrdtDelta delta) {
    return byDeltaCase.get(delta.getDeltaCase()).dataClass().getSimpleName();
  }

  // The maps pair each class with its own wire, so the cast only restates that.
  @SuppressWarnings("unchecked")
  private CrdtWire<ReplicatedData> wireOf(ReplicatedData data) {
    CrdtWire<?> wire = byDataClass.get(data.getClass());
    if (wire == null) {
      throw new IllegalArgumentException("Not a CRDT the proxy knows: " + data.getClass().getName());
    }
    return (CrdtWire<ReplicatedData>) wire;
  }
}
