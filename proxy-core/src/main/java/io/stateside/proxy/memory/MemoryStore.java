package io.stateside.proxy.memory;

import akka.actor.AbstractExtensionId;
import akka.actor.ActorSystem;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.persistence.PersistentRepr;
import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the memory store holds, one per actor system: each entity's events in sequence, and for
 * each tag the events written with it, numbered in one order across all tags (the offsets of
 * tag queries), and the offsets of event-log subscriptions. Its journal writes here and its read
 * journal reads here. Lost when the process ends: for development, tests and the TCK.
 *
 * <p>Writes and reads of one entity or one tag take that object's lock only, so an entity's
 * write costs the same however long its history is.
 */
public final class MemoryStore implements Extension {

  /** A stored event and the position it got among tagged events (0 for untagged). */
  public record Stored(PersistentRepr event, long ordering) {}

  private static final Id ID = new Id();

  private final ConcurrentHashMap<String, EntityEvents> entities = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TagEvents> tags = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ProjectionId, Offset> offsets = new ConcurrentHashMap<>();
  private long lastOrdering;

  public static MemoryStore get(ActorSystem system) {
    return ID.get(system);
  }

  /** Appends the events, each with its tags; all events of one call must be of one entity. */
  public void append(String persistenceId, List<PersistentRepr> events, List<Set<String>> tagsOfEach) {
    EntityEvents entity = entities.computeIfAbsent(persistenceId, id -> new EntityEvents());
    synchronized (this) {
      // One order across tags, given out in write order, so that an offset never skips an event.
      for (int i = 0; i < events.size(); i++) {
        Set<String> eventTags = tagsOfEach.get(i);
        long ordering = eventTags.isEmpty() ? 0 : ++lastOrdering;
        Stored stored = new Stored(events.get(i), ordering);
        entity.add(stored);
        for (String tag : eventTags) {
          tags.computeIfAbsent(tag, t -> new TagEvents()).add(stored);
        }
      }
    }
  }

  /** The entity's events numbered {@code from} to {@code to}, both included, at most {@code max}. */
  public List<Stored> events(String persistenceId, long from, long to, long max) {
    EntityEvents entity = entities.get(persistenceId);
    return entity == null ? List.of() : entity.between(from, to, max);
  }

  public long highestSequenceNr(String persistenceId) {
    EntityEvents entity = entities.get(persistenceId);
    return entity == null ? 0 : entity.highest();
  }

  /** Deletes the entity's events up to {@code to}; its highest sequence number stays. */
  public void deleteTo(String persistenceId, long to) {
    EntityEvents entity = entities.get(persistenceId);
    if (entity != null) {
      entity.deleteTo(to);
    }
  }

  /** Up to {@code max} events with the tag whose ordering is above {@code after} and at most {@code upTo}. */
  public List<Stored> tagged(String tag, long after, long upTo, int max) {
    TagEvents events = tags.get(tag);
    return events == null ? List.of() : events.after(after, upTo, max);
  }

  /** The ordering of the last tagged event written. */
  public synchronized long lastOrdering() {
    return lastOrdering;
  }

  public List<String> persistenceIds() {
    return List.copyOf(entities.keySet());
  }

  /** The offsets of event-log subscriptions ({@link MemoryProjectionStore}). */
  ConcurrentHashMap<ProjectionId, Offset> offsets() {
    return offsets;
  }

  /** One entity's events; index 0 holds sequence number {@code first}. */
  private static final class EntityEvents {
    private List<Stored> events = new ArrayList<>();
    private long first = 1;
    private long highest;

    synchronized void add(Stored stored) {
      events.add(stored);
      highest = stored.event().sequenceNr();
    }

    synchronized long highest() {
      return highest;
    }

    synchronized List<Stored> between(long from, long to, long max) {
      int start = (int) Math.max(0, from - first);
      int end = (int) Math.min(events.size(), Math.min(to, highest) - first + 1);
      if (start >= end) {
        return List.of();
      }
      end = (int) Math.min(end, start + Math.min(max, Integer.MAX_VALUE));
      return List.copyOf(events.subList(start, end));
    }

    synchronized void deleteTo(long to) {
      int drop = (int) Math.min(events.size(), Math.max(0, to - first + 1));
      if (drop > 0) {
        events = new ArrayList<>(events.subList(drop, events.size()));
        first += drop;
      }
    }
  }

  /** One tag's events in ordering; deleted events stay here, as in most stores' tag indexes. */
  private static final class TagEvents {
    private final List<Stored> events = new ArrayList<>();

    synchronized void add(Stored stored) {
      events.add(stored);
    }

    synchronized List<Stored> after(long after, long upTo, int max) {
      int low = 0;
      int high = events.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (events.get(middle).ordering() <= after) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      List<Stored> page = new ArrayList<>();
      for (int i = low; i < events.size() && page.size() < max && events.get(i).ordering() <= upTo; i++) {
        page.add(events.get(i));
      }
      return page;
    }
  }

  private static final class Id extends AbstractExtensionId<MemoryStore> {
    @Override
    public MemoryStore createExtension(ExtendedActorSystem system) {
      return new MemoryStore();
    }
  }
}
