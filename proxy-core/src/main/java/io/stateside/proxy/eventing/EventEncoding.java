package io.stateside.proxy.eventing;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * How an event's data and content type map to the protobuf {@code Any} a user function gets, and
 * back, following the conventions of Cloudstate's support libraries: protobuf messages keep
 * their type URL; JSON is wrapped as {@code json.cloudstate.io/<type>}, text as
 * {@code p.cloudstate.io/string} and other bytes as {@code p.cloudstate.io/bytes}, each a message
 * whose field 1 holds the data.
 */
public final class EventEncoding {

  /** The content type of events from an event log: the data is the stored Any's value, its type URL the type. */
  public static final String PROTOBUF_ANY = "application/vnd.cloudstate.protobuf.any";
  public static final String PROTOBUF = "application/protobuf";
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String BYTES = "application/octet-stream";

  static final String PROTOBUF_TYPE_URL_PREFIX = "type.googleapis.com/";
  static final String JSON_TYPE_URL_PREFIX = "json.cloudstate.io/";
  static final String STRING_TYPE_URL = "p.cloudstate.io/string";
  static final String BYTES_TYPE_URL = "p.cloudstate.io/bytes";

  private EventEncoding() {
  }

  /** An event's data and attributes as the payload a user function gets. */
  public static Any toPayload(ByteString data, Optional<String> contentType, Optional<String> type) {
    String mediaType = contentType.map(EventEncoding::mediaType).orElse("");
    if (mediaType.equals(PROTOBUF_ANY) && type.isPresent()) {
      return Any.newBuilder().setTypeUrl(type.get()).setValue(data).build();
    }
    if (mediaType.equals(PROTOBUF) || mediaType.equals("application/x-protobuf")
        || mediaType.equals("application/vnd.google.protobuf")) {
      Optional<String> messageType = contentType.flatMap(c -> parameter(c, "proto")).or(() -> type);
      if (messageType.isPresent()) {
        return Any.newBuilder().setTypeUrl(PROTOBUF_TYPE_URL_PREFIX + messageType.get()).setValue(data).build();
      }
    }
    if (mediaType.equals(JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      return Any.newBuilder().setTypeUrl(JSON_TYPE_URL_PREFIX + type.orElse("")).setValue(field1(data)).build();
    }
    if (mediaType.startsWith("text/")) {
      return Any.newBuilder().setTypeUrl(STRING_TYPE_URL).setValue(field1(data)).build();
    }
    return Any.newBuilder().setTypeUrl(BYTES_TYPE_URL).setValue(field1(data)).build();
  }

  /** What a payload is as an event: its type, content type and data. */
  public record Encoded(String type, String contentType, ByteString data) {}

  /** A reply's payload as an event's data; the inverse of {@link #toPayload}. */
  public static Encoded fromPayload(Any payload) {
    String typeUrl = payload.getTypeUrl();
    if (typeUrl.startsWith(JSON_TYPE_URL_PREFIX)) {
      return new Encoded(typeUrl.substring(JSON_TYPE_URL_PREFIX.length()), JSON, readField1(payload.getValue()));
    }
    if (typeUrl.equals(STRING_TYPE_URL)) {
      return new Encoded("", TEXT, readField1(payload.getValue()));
    }
    if (typeUrl.equals(BYTES_TYPE_URL)) {
      return new Encoded("", BYTES, readField1(payload.getValue()));
    }
    return new Encoded(typeUrl.substring(typeUrl.lastIndexOf('/') + 1), PROTOBUF, payload.getValue());
  }

  /** A message holding the data as its field 1 (bytes and strings are encoded alike). */
  private static ByteString field1(ByteString data) {
    ByteString.Output out = ByteString.newOutput(data.size() + 6);
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeBytes(1, data);
      coded.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen writing to memory", e);
    }
    return out.toByteString();
  }

  private static ByteString readField1(ByteString message) {
    try {
      CodedInputStream in = message.newCodedInput();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return in.readBytes();
        }
        in.skipField(tag);
      }
      return ByteString.EMPTY;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a message with the data in field 1: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen reading from memory", e);
    }
  }

  private static String mediaType(String contentType) {
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }

  private static Optional<String> parameter(String contentType, String name) {
    for (String part : contentType.split(";")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
        return Optional.of(pair[1].trim().replace("\"", ""));
      }
    }
    return Optional.empty();
  }
}
