package io.stateside.proxy.eventing;

import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents 1.0 attributes of an event, by their names without prefix ({@code id},
 * {@code source}, {@code type}, {@code subject}, {@code time}, {@code datacontenttype}, and
 * extensions). The user function sees them as metadata named as in the HTTP binding of
 * CloudEvents ({@code ce-id}, ..., and {@code Content-Type}), which is what Cloudstate's
 * support libraries read.
 */
public record CloudEvent(Map<String, String> attributes) {

  public static final String SPEC_VERSION = "1.0";
  public static final String ID = "id";
  public static final String SOURCE = "source";
  public static final String SPECVERSION = "specversion";
  public static final String TYPE = "type";
  public static final String SUBJECT = "subject";
  public static final String TIME = "time";
  public static final String CONTENT_TYPE = "datacontenttype";

  /** How the metadata names an attribute: {@code ce-<name>}, but {@code Content-Type} for the content type. */
  private static final String METADATA_PREFIX = "ce-";
  private static final String METADATA_CONTENT_TYPE = "Content-Type";

  public CloudEvent {
    attributes = Map.copyOf(attributes);
  }

  public Optional<String> get(String attribute) {
    return Optional.ofNullable(attributes.get(attribute));
  }

  public String subject() {
    return attributes.getOrDefault(SUBJECT, "");
  }

  /** The attributes as metadata for the user function. */
  public Metadata toMetadata() {
    Metadata.Builder metadata = Metadata.newBuilder();
    attributes.forEach((name, value) -> metadata.addEntries(MetadataEntry.newBuilder()
        .setKey(name.equals(CONTENT_TYPE) ? METADATA_CONTENT_TYPE : METADATA_PREFIX + name)
        .setStringValue(value)));
    return metadata.build();
  }

  /** The attributes a user function set in the metadata of a reply (names compared ignoring case). */
  public static Map<String, String> fromMetadata(Metadata metadata) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (MetadataEntry entry : metadata.getEntriesList()) {
      if (!entry.hasStringValue()) {
        continue;
      }
      String key = entry.getKey();
      if (key.equalsIgnoreCase(METADATA_CONTENT_TYPE)) {
        attributes.put(CONTENT_TYPE, entry.getStringValue());
      } else if (key.regionMatches(true, 0, METADATA_PREFIX, 0, METADATA_PREFIX.length())
          && key.length() > METADATA_PREFIX.length()) {
        attributes.put(key.substring(METADATA_PREFIX.length()).toLowerCase(java.util.Locale.ROOT), entry.getStringValue());
      }
    }
    return attributes;
  }
}
