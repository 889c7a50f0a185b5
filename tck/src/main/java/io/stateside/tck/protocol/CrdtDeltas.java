package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.FlagDelta;
import io.stateside.protocol.crdt.GCounterDelta;
import io.stateside.protocol.crdt.GSetDelta;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import io.stateside.protocol.crdt.PNCounterDelta;
import io.stateside.protocol.crdt.VoteDelta;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * CRDT deltas as the TCK model's entities produce them, and their normal form for comparing.
 *
 * <p>The model's set elements, map keys and register values are strings, which Cloudstate's
 * libraries encode as "primitive" {@code Any}s: type URL {@value #PRIMITIVE_STRING}, the bytes of
 * a message whose field 1 is the string.
 */
public final class CrdtDeltas {

  public static final String PRIMITIVE_STRING = "p.cloudstate.io/string";

  /** Orders elements by type, then by bytes: any fixed order will do, as both sides are sorted alike. */
  private static final Comparator<Any> ELEMENT_ORDER = Comparator.comparing(Any::getTypeUrl)
      .thenComparing(Any::getValue, ByteString.unsignedLexicographicalComparator());

  private CrdtDeltas() {}

  public static Any string(String value) {
    return Any.newBuilder().setTypeUrl(PRIMITIVE_STRING).setValue(StringValue.of(value).toByteString()).build();
  }

  public static List<Any> strings(String... values) {
    return Arrays.stream(values).map(CrdtDeltas::string).toList();
  }

  public static CrdtDelta gcounter(long increment) {
    return CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment)).build();
  }

  public static CrdtDelta pncounter(long change) {
    return CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(change)).build();
  }

  public static CrdtDelta gset(String... added) {
    return CrdtDelta.newBuilder().setGset(GSetDelta.newBuilder().addAllAdded(strings(added))).build();
  }

  public static CrdtDelta orset(boolean cleared, List<String> removed, List<String> added) {
    return CrdtDelta.newBuilder().setOrset(ORSetDelta.newBuilder()
        .setCleared(cleared)
        .addAllRemoved(strings(removed.toArray(String[]::new)))
        .addAllAdded(strings(added.toArray(String[]::new)))).build();
  }

  public static CrdtDelta orsetAdded(String... added) {
    return orset(false, List.of(), List.of(added));
  }

  public static CrdtDelta orsetRemoved(String... removed) {
    return orset(false, List.of(removed), List.of());
  }

  public static CrdtDelta lwwRegister(String value) {
    return lwwRegister(value, CrdtClock.DEFAULT, 0);
  }

  public static CrdtDelta lwwRegister(String value, CrdtClock clock, long customClockValue) {
    return CrdtDelta.newBuilder().setLwwregister(LWWRegisterDelta.newBuilder()
        .setValue(string(value)).setClock(clock).setCustomClockValue(customClockValue)).build();
  }

  public static CrdtDelta flag(boolean value) {
    return CrdtDelta.newBuilder().setFlag(FlagDelta.newBuilder().setValue(value)).build();
  }

  public static CrdtDelta vote(boolean selfVote, int votesFor, int totalVoters) {
    return CrdtDelta.newBuilder().setVote(VoteDelta.newBuilder()
        .setSelfVote(selfVote).setVotesFor(votesFor).setTotalVoters(totalVoters)).build();
  }

  /** An ORMap delta, its entries given with {@link #entry}. */
  public static CrdtDelta ormap(ORMapDelta.Builder delta) {
    return CrdtDelta.newBuilder().setOrmap(delta).build();
  }

  public static ORMapDelta.Builder ormap() {
    return ORMapDelta.newBuilder();
  }

  public static ORMapEntryDelta entry(String key, CrdtDelta delta) {
    return ORMapEntryDelta.newBuilder().setKey(string(key)).setDelta(delta).build();
  }

  /**
   * The delta with its sets in a fixed order, at any depth: elements and keys are sets, whose
   * order on the wire means nothing; and primitive strings encoded alike (an empty string may be
   * written as a present field).
   */
  public static CrdtDelta normal(CrdtDelta delta) {
    switch (delta.getDeltaCase()) {
      case GSET:
        return delta.toBuilder().setGset(GSetDelta.newBuilder().addAllAdded(sorted(delta.getGset().getAddedList())))
            .build();
      case ORSET:
        return delta.toBuilder().setOrset(delta.getOrset().toBuilder()
            .clearRemoved().addAllRemoved(sorted(delta.getOrset().getRemovedList()))
            .clearAdded().addAllAdded(sorted(delta.getOrset().getAddedList()))).build();
      case LWWREGISTER:
        return delta.getLwwregister().hasValue()
            ? delta.toBuilder().setLwwregister(delta.getLwwregister().toBuilder()
                .setValue(normal(delta.getLwwregister().getValue()))).build()
            : delta;
      case ORMAP:
        ORMapDelta map = delta.getOrmap();
        return delta.toBuilder().setOrmap(map.toBuilder()
            .clearRemoved().addAllRemoved(sorted(map.getRemovedList()))
            .clearUpdated().addAllUpdated(sortedEntries(map.getUpdatedList()))
            .clearAdded().addAllAdded(sortedEntries(map.getAddedList()))).build();
      default:
        return delta;
    }
  }

  private static List<Any> sorted(List<Any> elements) {
    return elements.stream().map(CrdtDeltas::normal).sorted(ELEMENT_ORDER).toList();
  }

  private static List<ORMapEntryDelta> sortedEntries(List<ORMapEntryDelta> entries) {
    return entries.stream()
        .map(entry -> entry.toBuilder().setKey(normal(entry.getKey())).setDelta(normal(entry.getDelta())).build())
        .sorted(Comparator.comparing(ORMapEntryDelta::getKey, ELEMENT_ORDER))
        .toList();
  }

  /** A primitive string re-encoded the way {@link #string} encodes it; any other value as it is. */
  private static Any normal(Any element) {
    if (!element.getTypeUrl().equals(PRIMITIVE_STRING)) {
      return element;
    }
    try {
      return string(StringValue.parseFrom(element.getValue()).getValue());
    } catch (InvalidProtocolBufferException e) {
      // Not a string after all: compared as it came, so the difference shows.
      return element;
    }
  }
}
