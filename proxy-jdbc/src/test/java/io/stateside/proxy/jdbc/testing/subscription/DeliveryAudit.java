package io.stateside.proxy.jdbc.testing.subscription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a subscriber got across a crash of the proxy against what the store holds, and
 * counts the duplicates. Per entity, deliveries before the crash must be its events 1..m in
 * order, once each; deliveries after the restart must be one run k..n in order, once each, where
 * n is the entity's last event, and they must start again exactly at the first of its events that
 * lay after the subscription's committed offset (k - 1 = m when none did): so the events delivered
 * twice, k..m, are exactly those delivered before the crash but not yet committed.
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
   */
  public record Result(long events, int beforeCrash, int afterRestart, int committedTail, int duplicates,
      int entitiesWithDuplicates, long mostDuplicatesOfOneEntity) {

    public String describe() {
      return String.format("%,d events; %,d delivered before the crash, %,d after the restart; %,d events lay after"
              + " the committed offset at the crash; DUPLICATES: %,d (of %,d entities, at most %,d of one entity)",
          events, beforeCrash, afterRestart, committedTail, duplicates, entitiesWithDuplicates,
          mostDuplicatesOfOneEntity);
    }
  }

  private DeliveryAudit() {
  }

  /**
   * @param lastSequence each entity's last event number
   * @param tail the ids ({@code entity/sequence}) of the events after the committed offset
   * @throws AssertionError naming the first violations
   */
  public static Result check(List<Delivery> beforeCrash, List<Delivery> afterRestart, Map<String, Long> lastSequence,
      Set<String> tail) {
    Map<String, List<Long>> before = byEntity(beforeCrash);
    Map<String, List<Long>> after = byEntity(afterRestart);
    List<String> violations = new ArrayList<>();
    Set<String> unknown = new HashSet<>(before.keySet());
    unknown.addAll(after.keySet());
    unknown.removeAll(lastSequence.keySet());
    unknown.forEach(entity -> violations.add(entity + ": delivered, but no such entity was written"));

    int duplicates = 0;
    int entitiesWithDuplicates = 0;
    long most = 0;
    long events = 0;
    for (Map.Entry<String, Long> entry : lastSequence.entrySet()) {
      String entity = entry.getKey();
      long last = entry.getValue();
      events += last;
      List<Long> first = before.getOrDefault(entity, List.of());
      List<Long> second = after.getOrDefault(entity, List.of());
      long delivered = first.size();
      if (!first.equals(run(1, delivered))) {
        violations.add(entity + ": before the crash got " + first + ", not 1.." + delivered + " once each in order");
      }
      long restart = firstInTail(entity, tail, delivered + 1, last);
      if (restart > delivered + 1) {
        violations.add(entity + ": events " + (delivered + 1) + ".." + (restart - 1)
            + " were never delivered, yet lay before the committed offset");
      }
      if (!second.equals(run(restart, last))) {
        violations.add(entity + ": after the restart got " + second + ", expected " + restart + ".." + last
            + " (m = " + delivered + ", first event after the committed offset: " + restart + ")");
      }
      for (long sequence = restart; sequence <= delivered; sequence++) {
        if (!tail.contains(entity + "/" + sequence)) {
          violations.add(entity + "/" + sequence + ": delivered again, but it was committed before the crash");
        }
      }
      long again = Math.max(0, delivered - restart + 1);
      duplicates += again;
      entitiesWithDuplicates += again > 0 ? 1 : 0;
      most = Math.max(most, again);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " violations, the first ones:\n  "
          + String.join("\n  ", violations.subList(0, Math.min(EXAMPLES, violations.size()))));
    }
    return new Result(events, beforeCrash.size(), afterRestart.size(), tail.size(), duplicates, entitiesWithDuplicates,
        most);
  }

  /** The lowest event number of the entity in the tail, or {@code otherwise} if it has none there. */
  private static long firstInTail(String entity, Set<String> tail, long otherwise, long last) {
    for (long sequence = 1; sequence <= last; sequence++) {
      if (tail.contains(entity + "/" + sequence)) {
        return sequence;
      }
    }
    return otherwise;
  }

  private static Map<String, List<Long>> byEntity(List<Delivery> deliveries) {
    Map<String, List<Long>> byEntity = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      byEntity.computeIfAbsent(delivery.entity(), e -> new ArrayList<>()).add(delivery.sequence());
    }
    return byEntity;
  }

  private static List<Long> run(long from, long to) {
    List<Long> run = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      run.add(n);
    }
    return run;
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
