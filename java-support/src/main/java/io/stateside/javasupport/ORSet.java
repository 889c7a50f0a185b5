package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A set whose elements can be added and removed on any node; when one node adds an element that
 * another removes at the same time, the add wins. Elements are protobuf messages or the Java types
 * listed in {@link CrdtEntity.Builder#valueType}, compared with {@code equals}.
 *
 * @param <E> the element type
 */
public final class ORSet<E> extends Crdt {

  private final Set<E> elements = new LinkedHashSet<>();
  private final Set<E> added = new LinkedHashSet<>();
  private final Set<E> removed = new LinkedHashSet<>();
  private boolean cleared;

  /** A new, empty set. */
  public ORSet() {}

  /** @return the elements, a read-only view */
  public Set<E> elements() {
    return Collections.unmodifiableSet(elements);
  }

  /** @return whether the set has this element */
  public boolean contains(E element) {
    return elements.contains(element);
  }

  /** @return the number of elements */
  public int size() {
    return elements.size();
  }

  /** @return whether the set has no element */
  public boolean isEmpty() {
    return elements.isEmpty();
  }

  /**
   * Adds an element.
   *
   * @param element the element; never null
   * @return whether it was not there yet
   */
  public boolean add(E element) {
    CrdtValues.encode(Objects.requireNonNull(element, "element"));
    if (!elements.add(element)) {
      return false;
    }
    // Adding back what this command removed cancels the removal.
    if (!removed.remove(element)) {
      added.add(element);
    }
    return true;
  }

  /**
   * Removes an element.
   *
   * @param element the element
   * @return whether it was there
   */
  public boolean remove(E element) {
    if (!elements.remove(element)) {
      return false;
    }
    if (elements.isEmpty()) {
      // Removing the last element is a clear: one flag instead of a list of removals.
      clear();
    } else if (!added.remove(element)) {
      removed.add(element);
    }
    return true;
  }

  /** Removes every element. */
  public void clear() {
    elements.clear();
    added.clear();
    removed.clear();
    cleared = true;
  }

  @Override
  boolean hasDelta() {
    return cleared || !added.isEmpty() || !removed.isEmpty();
  }

  @Override
  CrdtDelta delta() {
    ORSetDelta.Builder delta = ORSetDelta.newBuilder().setCleared(cleared);
    removed.forEach(element -> delta.addRemoved(CrdtValues.encode(element)));
    added.forEach(element -> delta.addAdded(CrdtValues.encode(element)));
    return CrdtDelta.newBuilder().setOrset(delta).build();
  }

  @Override
  void resetDelta() {
    added.clear();
    removed.clear();
    cleared = false;
  }

  @Override
  @SuppressWarnings("unchecked")
  void applyDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException {
    requireType(delta, CrdtDelta.DeltaCase.ORSET);
    ORSetDelta change = delta.getOrset();
    if (change.getCleared()) {
      elements.clear();
    }
    for (Any element : change.getRemovedList()) {
      elements.remove(values.decode(element));
    }
    for (Any element : change.getAddedList()) {
      elements.add((E) values.decode(element));
    }
  }

  @Override
  ORSet<E> copy() {
    ORSet<E> copy = new ORSet<>();
    copy.elements.addAll(elements);
    copy.added.addAll(added);
    copy.removed.addAll(removed);
    copy.cleared = cleared;
    return copy;
  }

  @Override
  public String toString() {
    return "ORSet" + elements;
  }
}
