package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GSetDelta;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A set that only grows. Elements are protobuf messages or the Java types listed in
 * {@link CrdtEntity.Builder#valueType}, compared with {@code equals}.
 *
 * @param <E> the element type
 */
public final class GSet<E> extends Crdt {

  private final Set<E> elements = new LinkedHashSet<>();
  private final Set<E> added = new LinkedHashSet<>();

  /** A new, empty set. */
  public GSet() {}

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
    added.add(element);
    return true;
  }

  @Override
  boolean hasDelta() {
    return !added.isEmpty();
  }

  @Override
  CrdtDelta delta() {
    GSetDelta.Builder delta = GSetDelta.newBuilder();
    added.forEach(element -> delta.addAdded(CrdtValues.encode(element)));
    return CrdtDelta.newBuilder().setGset(delta).build();
  }

  @Override
  void resetDelta() {
    added.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  void applyDelta(CrdtDelta delta, CrdtValues values) throws InvalidProtocolBufferException {
    requireType(delta, CrdtDelta.DeltaCase.GSET);
    for (Any element : delta.getGset().getAddedList()) {
      elements.add((E) values.decode(element));
    }
  }

  @Override
  GSet<E> copy() {
    GSet<E> copy = new GSet<>();
    copy.elements.addAll(elements);
    copy.added.addAll(added);
    return copy;
  }

  @Override
  public String toString() {
    return "GSet" + elements;
  }
}
