package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A map whose values are CRDTs themselves: keys are added and removed like the elements of an
 * {@link ORSet}, and a change to a value is sent as that value's own delta. Keys are protobuf
 * messages or the Java types listed in {@link CrdtEntity.Builder#valueType}.
 *
 * <p>Values are created with {@link #getOrCreate} and changed in place:
 *
 * <pre>{@code
 * ORMap<String, GCounter> likes = context.getOrCreate(ORMap.class, ORMap::new);
 * likes.getOrCreate("item-1", GCounter::new).increment(1);
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type, a CRDT (use {@code Crdt} for values of mixed types)
 */
public final class ORMap<K, V extends Crdt> extends Crdt {

  private static final Logger log = LoggerFactory.getLogger(ORMap.class);

  private final Map<K, V> entries = new LinkedHashMap<>();
  private final Set<K> added = new LinkedHashSet<>();
  private final Set<K> removed = new LinkedHashSet<>();
  private boolean cleared;

  /** A new, empty map. */
  public ORMap() {}

  /** @return the value of {@code key}, if the map has it */
  public Optional<V> get(K key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * The value of {@code key}, created if the map does not have it.
   *
   * @param key the key; never null
   * @param create makes a new CRDT for the key; called only when the key is absent
   * @return the key's value, to read or change in place
   */
  public V getOrCreate(K key, Supplier<? extends V> create) {
    V existing = entries.get(key);
    if (existing != null) {
      return existing;
    }
    CrdtValues.encode(Objects.requireNonNull(key, "key"));
    V created = Objects.requireNonNull(create.get(), "getOrCreate's supplier returned null");
    entries.put(key, created);
    added.add(key);
    return created;
  }

  /** @return whether the map has {@code key} */
  public boolean containsKey(K key) {
    return entries.containsKey(key);
  }

  /** @return the keys, a read-only view */
  public Set<K> keys() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** @return the entries, a read-only view (the values themselves can be changed in place) */
  public Map<K, V> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** @return the number of entries */
  public int size() {
    return entries.size();
  }

  /** @return whether the map has no entry */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Removes a key and its value.
   *
   * @param key the key
   * @return whether the map had it
   */
  public boolean remove(K key) {
    if (entries.remove(key) == null) {
      return false;
    }
    // A key added by this same command was never sent: forget it instead.
    if (!added.remove(key)) {
      removed.add(key);
    }
    return true;
  }

  /** Removes every entry. */
  public void clear() {
    entries.clear();
    added.clear();
    removed.clear();
    cleared = true;
  }

  @Override
  boolean hasDelta() {
    return cleared || !added.isEmpty() || !removed.isEmpty()
        || entries.values().stream().anyMatch(Crdt::hasDelta);
  }

  @Override
  CrdtDelta delta() {
    ORMapDelta.Builder delta = ORMapDelta.newBuilder().setCleared(cleared);
    removed.forEach(key -> delta.addRemoved(CrdtValues.encode(key)));
    entries.forEach((key, value) -> {
      if (added.contains(key)) {
        delta.addAdded(entry(key, value));
      } else if (value.hasDelta()) {
        delta.addUpdated(entry(key, value));
      }
    });
    return CrdtDelta.newBuilder().setOrmap(delta).build();
  }

  private static ORMapEntryDelta entry(Object key, Crdt value) {
    return ORMapEntryDelta.newBuilder().setKey(CrdtValues.encode(key)).setDelta(value.delta()).build();
  }

  @Override
  void resetDelta() {
    added.clear();
    removed.clear();
    cleared = false;
    entries.values().forEach(Crdt::resetDelta);
  }

  @Override
  @SuppressWarnings("unchecked")
  void applyDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException {
    requireType(delta, CrdtDelta.DeltaCase.ORMAP);
    ORMapDelta change = delta.getOrmap();
    if (change.getCleared()) {
      entries.clear();
    }
    for (com.google.protobuf.Any key : change.getRemovedList()) {
      entries.remove(values.decode(key));
    }
    for (ORMapEntryDelta updated : change.getUpdatedList()) {
      V value = entries.get(values.decode(updated.getKey()));
      if (value == null) {
        // A concurrent removal took the key away first; the removal stands.
        log.warn("Ignoring an update of ORMap key {}, which the map does not have", updated.getKey());
      } else {
        value.applyDelta(updated.getDelta(), values);
      }
    }
    for (ORMapEntryDelta entry : change.getAddedList()) {
      entries.put((K) values.decode(entry.getKey()), (V) Crdt.fromDelta(entry.getDelta(), values));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  ORMap<K, V> copy() {
    ORMap<K, V> copy = new ORMap<>();
    entries.forEach((key, value) -> copy.entries.put(key, (V) value.copy()));
    copy.added.addAll(added);
    copy.removed.addAll(removed);
    copy.cleared = cleared;
    return copy;
  }

  @Override
  public String toString() {
    return "ORMap" + entries;
  }
}
