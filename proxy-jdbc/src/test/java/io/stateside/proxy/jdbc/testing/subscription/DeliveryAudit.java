package io.stateside.proxy.jdbc.testing.subscription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a subscriber got across a crash of the proxy against what the store holds, and
 * counts the duplicates. Per entity, deliveries before the crash must be its first m events in
 * order, once each; deliveries after the restart must be one run of its events in order, once
 * each, up to its last, starting again exactly at the first of its events that lay after the
 * subscription's committed offset (right after the m-th when none did): so the events delivered
 * twice are exactly those delivered before the crash but not yet committed.
 *
 * <p>Every event must be delivered, except, where the store is known to lose them
 * ({@code tolerated}), events whose command was never acknowledged; those are counted.
 */
public final class DeliveryAudit {

  private static final int EXAMPLES = 20;

  /** One delivery of event {@code sequence} of {@code entity}. */
  public record Delivery(String entity, long sequence) {
    String id() {
      return entity + "/" + sequence;
    }
  }

  /**
   * @param events events in the event log (of all entities)
   * @param beforeCrash deliveries before the crash
   * @param afterRestart deliveries after the restart
   * @param committedTail events after the committed offset when the proxy was killed
   * @param duplicates deliveries after the restart of events delivered before the crash
   * @param entitiesWithDuplicates entities with at least one duplicate
   * @param mostDuplicatesOfOneEntity the largest number of duplicates of one entity
   * @param neverDelivered events never delivered (all of them unacknowledged, as tolerated)
   */
  public record Result(long events, int beforeCrash, int afterRestart, int committedTail, int duplicates,
      int entitiesWithDuplicates, long mostDuplicatesOfOneEntity, List<String> neverDelivered) {

    public String describe() {
      return String.format("%,d events; %,d delivered before the crash, %,d after the restart; %,d events lay after"
              + " the committed offset at the crash; DUPLICATES: %,d (of %,d entities, at most %,d of one entity)%s",
          events, beforeCrash, afterRestart, committedTail, duplicates, entitiesWithDuplicates,
          mostDuplicatesOfOneEntity, neverDelivered.isEmpty() ? ""
              : String.format("; NEVER DELIVERED: %,d unacknowledged events %s", neverDelivered.size(),
                  neverDelivered.subList(0, Math.min(EXAMPLES, neverDelivered.size()))));
    }
  }

  private DeliveryAudit() {
  }

  /**
   * @param lastSequence each entity's last event number
   * @param tail the ids ({@code entity/sequence}) of the events after the committed offset
   * @param tolerated the ids of events that may never be delivered (empty: every one must be)
   * @throws AssertionError naming the first violations
   */
  public static Result check(List<Delivery> beforeCrash, List<Delivery> afterRestart, Map<String, Long> lastSequence,
      Set<String> tail, Set<String> tolerated) {
    Map<String, List<Long>> before = byEntity(beforeCrash);
    Map<String, List<Long>> after = byEntity(afterRestart);
    Set<String> delivered = new HashSet<>();
    beforeCrash.forEach(delivery -> delivered.add(delivery.id()));
    afterRestart.forEach(delivery -> delivered.add(delivery.id()));
    List<String> violations = new ArrayList<>();
    Set<String> unknown = new HashSet<>(before.keySet());
    unknown.addAll(after.keySet());
    unknown.removeAll(lastSequence.keySet());
    unknown.forEach(entity -> violations.add(entity + ": delivered, but no such entity was written"));

    List<String> neverDelivered = new ArrayList<>();
    int duplicates = 0;
    int entitiesWithDuplicates = 0;
    long most = 0;
    long events = 0;
    for (Map.Entry<String, Long> entry : lastSequence.entrySet()) {
      String entity = entry.getKey();
      events += entry.getValue();
      List<Long> expected = new ArrayList<>();
      for (long sequence = 1; sequence <= entry.getValue(); sequence++) {
        String id = entity + "/" + sequence;
        if (delivered.contains(id)) {
          expected.add(sequence);
        } else if (tolerated.contains(id)) {
          neverDelivered.add(id);
        } else {
          violations.add(id + ": never delivered");
        }
      }
      List<Long> first = before.getOrDefault(entity, List.of());
      List<Long> second = after.getOrDefault(entity, List.of());
      int m = first.size();
      if (m > expected.size() || !first.equals(expected.subList(0, m))) {
        violations.add(entity + ": before the crash got " + first + ", not the first " + m + " of " + expected
            + " once each in order");
        continue;
      }
      int restart = m;
      for (int i = 0; i < expected.size(); i++) {
        if (tail.contains(entity + "/" + expected.get(i))) {
          restart = Math.min(i, m);
          break;
        }
      }
      if (!second.equals(expected.subList(restart, expected.size()))) {
        violations.add(entity + ": after the restart got " + second + ", expected " + expected.subList(restart,
            expected.size()) + " (" + m + " delivered before the crash)");
      }
      for (int i = restart; i < m; i++) {
        if (!tail.contains(entity + "/" + expected.get(i))) {
          violations.add(entity + "/" + expected.get(i) + ": delivered again, but it was committed before the crash");
        }
      }
      int again = m - restart;
      duplicates += again;
      entitiesWithDuplicates += again > 0 ? 1 : 0;
      most = Math.max(most, again);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " violations, the first ones:\n  "
          + String.join("\n  ", violations.subList(0, Math.min(EXAMPLES, violations.size()))));
    }
    return new Result(events, beforeCrash.size(), afterRestart.size(), tail.size(), duplicates, entitiesWithDuplicates,
        most, neverDelivered);
  }

  private static Map<String, List<Long>> byEntity(List<Delivery> deliveries) {
    Map<String, List<Long>> byEntity = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      byEntity.computeIfAbsent(delivery.entity(), e -> new ArrayList<>()).add(delivery.sequence());
    }
    return byEntity;
  }

  /** The events never delivered, as {@code entity/sequence}. */
  static List<String> undelivered(List<Delivery> deliveries, Map<String, Long> lastSequence) {
    Set<String> got = new HashSet<>();
    deliveries.forEach(delivery -> got.add(delivery.id()));
    List<String> missing = new ArrayList<>();
    lastSequence.forEach((entity, last) -> {
      for (long n = 1; n <= last; n++) {
        if (!got.contains(entity + "/" + n)) {
          missing.add(entity + "/" + n);
        }
      }
    });
    return missing;
  }

  /** A description of the events never delivered: how many, which, and whether they lay after the committed offset. */
  static String missing(List<Delivery> deliveries, Map<String, Long> lastSequence, Set<String> tail) {
    List<String> missing = undelivered(deliveries, lastSequence);
    long inTail = missing.stream().filter(tail::contains).count();
    return missing.size() + " events (" + inTail + " of them after the committed offset at the crash), e.g. "
        + missing.subList(0, Math.min(EXAMPLES, missing.size()));
  }
}
