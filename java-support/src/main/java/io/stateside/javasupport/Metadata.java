package io.stateside.javasupport;

import com.google.protobuf.ByteString;
import io.stateside.protocol.MetadataEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata of a command: the request headers the proxy passed on; or of an action's reply:
 * the response headers the client gets. Keys are compared without regard to case, as HTTP/2 sends
 * them in lower case whatever the client wrote. Immutable.
 */
public final class Metadata {

  private static final Metadata EMPTY = new Metadata(List.of());

  private final List<MetadataEntry> entries;

  private Metadata(List<MetadataEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** @return metadata without entries */
  public static Metadata empty() {
    return EMPTY;
  }

  /**
   * Text entries, for tests of handlers that read metadata.
   *
   * @param entries key to value
   * @return the metadata
   */
  public static Metadata of(Map<String, String> entries) {
    return new Metadata(entries.entrySet().stream()
        .map(e -> MetadataEntry.newBuilder().setKey(e.getKey()).setStringValue(e.getValue()).build())
        .toList());
  }

  /**
   * @param key the entry's key; gRPC sends it in lower case
   * @param value a text value
   * @return this metadata with the entry added, for example for an action's reply
   */
  public Metadata with(String key, String value) {
    return adding(MetadataEntry.newBuilder().setKey(key).setStringValue(value).build());
  }

  /**
   * @param key the entry's key, which for gRPC must end in {@code -bin}
   * @param value a binary value
   * @return this metadata with the entry added, for example for an action's reply
   */
  public Metadata withBinary(String key, ByteString value) {
    return adding(MetadataEntry.newBuilder().setKey(key).setBytesValue(value).build());
  }

  /**
   * Sets an attribute of the CloudEvent a reply is published as, when its method publishes to a
   * topic ({@code (cloudstate.eventing).out}): the proxy makes the event's attributes from the
   * reply's {@code ce-*} metadata, and fills in those not given (a new id, the service as source,
   * the reply's type, the call's subject, the time).
   *
   * <pre>{@code
   * ActionEffect.reply(change, Metadata.empty()
   *     .withCloudEvent(CloudEvent.SUBJECT, productId)       // also the topic's message key
   *     .withCloudEvent(CloudEvent.TYPE, "cart-change"));
   * }</pre>
   *
   * @param attribute the attribute's name, such as {@link CloudEvent#SUBJECT} or an extension's
   * @param value its value
   * @return this metadata with the entry {@code ce-<attribute>} ({@code Content-Type} for
   *     {@link CloudEvent#DATA_CONTENT_TYPE}) added
   */
  public Metadata withCloudEvent(String attribute, String value) {
    return with(CloudEvent.metadataKey(attribute), value);
  }

  private Metadata adding(MetadataEntry entry) {
    List<MetadataEntry> all = new ArrayList<>(entries);
    all.add(entry);
    return new Metadata(all);
  }

  static Metadata fromProtocol(io.stateside.protocol.Metadata metadata) {
    return metadata.getEntriesCount() == 0 ? EMPTY : new Metadata(metadata.getEntriesList());
  }

  io.stateside.protocol.Metadata toProtocol() {
    return io.stateside.protocol.Metadata.newBuilder().addAllEntries(entries).build();
  }

  /**
   * @param key the entry's key, in any case
   * @return the first text value with that key
   */
  public Optional<String> get(String key) {
    return getAll(key).stream().findFirst();
  }

  /**
   * @param key the entry's key, in any case
   * @return every text value with that key, in order
   */
  public List<String> getAll(String key) {
    return entries.stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key) && entry.hasStringValue())
        .map(MetadataEntry::getStringValue)
        .toList();
  }

  /**
   * @param key the entry's key, in any case (binary gRPC headers end in {@code -bin})
   * @return the first binary value with that key
   */
  public Optional<ByteString> getBinary(String key) {
    return entries.stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key) && entry.hasBytesValue())
        .map(MetadataEntry::getBytesValue)
        .findFirst();
  }

  /** @return the keys present, in lower case, in order of first appearance */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    entries.forEach(entry -> keys.add(entry.getKey().toLowerCase(Locale.ROOT)));
    return keys;
  }

  @Override
  public String toString() {
    return "Metadata" + keys();
  }
}
