package io.stateside.javasupport;

import io.stateside.protocol.MetadataEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The <a href="https://cloudevents.io">CloudEvents</a> 1.0 attributes of an event a subscribing
 * method handles: where it comes from ({@link #source()}, an event log's persistence id or a
 * topic's producer), what it is about ({@link #subject()}, the entity id for an event log), its
 * {@link #type()} and a stable {@link #id()}. The proxy sends them as request metadata named as in
 * CloudEvents' HTTP binding ({@code ce-id}, {@code ce-source}, ..., and {@code Content-Type});
 * {@link ActionContext#cloudEvent()}, {@link CommandContext#cloudEvent()} and
 * {@link CrdtContext#cloudEvent()} read them back. Immutable.
 *
 * <p>Delivery is at least once: the same event may come again, with the same {@code id}. A
 * subscriber that must not apply an event twice remembers the ids, or, per subject, the last
 * {@link #sequence()}, it has applied.
 *
 * <p>For unit tests of handlers, {@link #of} and the {@code with...} methods build one, and
 * {@link #toMetadata()} turns it into the metadata of a context. To set attributes of the event a
 * reply is published as, see {@link Metadata#withCloudEvent}.
 */
public final class CloudEvent {

  /** The event's id; with {@link #SOURCE}, unique for each distinct event. */
  public static final String ID = "id";
  /** Where the event comes from: an event log's persistence id, or the producer for a topic. */
  public static final String SOURCE = "source";
  /** The CloudEvents version, {@code 1.0}. */
  public static final String SPEC_VERSION = "specversion";
  /** The event's type: for an event log, its type URL, such as {@code type.googleapis.com/shop.ItemAdded}. */
  public static final String TYPE = "type";
  /** What the event is about: for an event log, the id of the entity that emitted it. */
  public static final String SUBJECT = "subject";
  /** When the event happened (RFC 3339). */
  public static final String TIME = "time";
  /** The media type of the event's data; sent as the {@code Content-Type} metadata. */
  public static final String DATA_CONTENT_TYPE = "datacontenttype";
  /** An extension the proxy sets for event logs: the event's sequence number within its entity. */
  public static final String SEQUENCE = "sequence";

  private static final String METADATA_PREFIX = "ce-";
  private static final String CONTENT_TYPE_KEY = "Content-Type";

  private final Map<String, String> attributes;

  private CloudEvent(Map<String, String> attributes) {
    this.attributes = Collections.unmodifiableMap(attributes);
  }

  /**
   * An event with the attributes CloudEvents requires, for tests of subscribing handlers.
   *
   * @param id the event's id
   * @param source where it comes from
   * @param type its type
   * @return the event, of spec version 1.0
   */
  public static CloudEvent of(String id, String source, String type) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(ID, Objects.requireNonNull(id, "id"));
    attributes.put(SOURCE, Objects.requireNonNull(source, "source"));
    attributes.put(SPEC_VERSION, "1.0");
    attributes.put(TYPE, Objects.requireNonNull(type, "type"));
    return new CloudEvent(attributes);
  }

  /**
   * The CloudEvent a call's metadata describes.
   *
   * @param metadata a call's metadata
   * @return the event, or empty when the metadata lacks one of {@code ce-id}, {@code ce-source},
   *     {@code ce-specversion} and {@code ce-type} (a call from a client rather than an event)
   */
  static Optional<CloudEvent> from(Metadata metadata) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (MetadataEntry entry : metadata.toProtocol().getEntriesList()) {
      attributeName(entry.getKey())
          .filter(name -> entry.hasStringValue())
          .ifPresent(name -> attributes.putIfAbsent(name, entry.getStringValue()));
    }
    boolean complete = attributes.containsKey(ID) && attributes.containsKey(SOURCE)
        && attributes.containsKey(SPEC_VERSION) && attributes.containsKey(TYPE);
    return complete ? Optional.of(new CloudEvent(attributes)) : Optional.empty();
  }

  /** The attribute a metadata key names: {@code ce-<name>}, or the content type. */
  private static Optional<String> attributeName(String metadataKey) {
    if (metadataKey.equalsIgnoreCase(CONTENT_TYPE_KEY)) {
      return Optional.of(DATA_CONTENT_TYPE);
    }
    if (metadataKey.length() > METADATA_PREFIX.length()
        && metadataKey.regionMatches(true, 0, METADATA_PREFIX, 0, METADATA_PREFIX.length())) {
      return Optional.of(metadataKey.substring(METADATA_PREFIX.length()).toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }

  /** The metadata key of an attribute, as CloudEvents' HTTP binding names it. */
  static String metadataKey(String attribute) {
    String name = normalized(attribute);
    return name.equals(DATA_CONTENT_TYPE) ? CONTENT_TYPE_KEY : METADATA_PREFIX + name;
  }

  /** Attribute names are lower case in CloudEvents. */
  private static String normalized(String attribute) {
    String name = Objects.requireNonNull(attribute, "attribute").toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an attribute needs a name");
    }
    return name;
  }

  /** @return the event's id: the same each time the event is delivered again */
  public String id() {
    return attributes.get(ID);
  }

  /** @return where the event comes from: the persistence id of an event log, the producer for a topic */
  public String source() {
    return attributes.get(SOURCE);
  }

  /** @return the CloudEvents version the event follows */
  public String specVersion() {
    return attributes.get(SPEC_VERSION);
  }

  /** @return the event's type; for an event log, the stored event's type URL */
  public String type() {
    return attributes.get(TYPE);
  }

  /** @return what the event is about; for an event log, the id of the entity that emitted it */
  public Optional<String> subject() {
    return attribute(SUBJECT);
  }

  /** @return when the event happened, if given and readable as RFC 3339 */
  public Optional<Instant> time() {
    return attribute(TIME).flatMap(time -> {
      try {
        return Optional.of(OffsetDateTime.parse(time).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  /** @return the media type of the event's data, as the source gave it */
  public Optional<String> dataContentType() {
    return attribute(DATA_CONTENT_TYPE);
  }

  /** @return the event's sequence number within its subject (events from an event log have one) */
  public Optional<Long> sequence() {
    return attribute(SEQUENCE).flatMap(sequence -> {
      try {
        return Optional.of(Long.parseLong(sequence));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * @param name an attribute's name, such as {@code subject} or an extension's
   * @return its value
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(normalized(name)));
  }

  /** @return every attribute, by name, in the order they came */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * @param subject what the event is about
   * @return this event with the subject set
   */
  public CloudEvent withSubject(String subject) {
    return withAttribute(SUBJECT, subject);
  }

  /**
   * @param time when the event happened
   * @return this event with the time set
   */
  public CloudEvent withTime(Instant time) {
    return withAttribute(TIME, time.toString());
  }

  /**
   * @param sequence the event's sequence number within its subject
   * @return this event with the sequence extension set
   */
  public CloudEvent withSequence(long sequence) {
    return withAttribute(SEQUENCE, Long.toString(sequence));
  }

  /**
   * @param contentType the media type of the event's data
   * @return this event with the data content type set
   */
  public CloudEvent withDataContentType(String contentType) {
    return withAttribute(DATA_CONTENT_TYPE, contentType);
  }

  /**
   * @param name any attribute's name, extensions included
   * @param value its value
   * @return this event with the attribute set
   */
  public CloudEvent withAttribute(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(attributes);
    next.put(normalized(name), Objects.requireNonNull(value, "value"));
    return new CloudEvent(next);
  }

  /** @return the attributes as the metadata the proxy would send with the event */
  public Metadata toMetadata() {
    Metadata metadata = Metadata.empty();
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      metadata = metadata.withCloudEvent(attribute.getKey(), attribute.getValue());
    }
    return metadata;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloudEvent event && attributes.equals(event.attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    return "CloudEvent" + attributes;
  }
}
