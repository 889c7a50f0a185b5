package io.stateside.proxy.frontend;

import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.headers.RawHeader;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply's metadata as the response headers the client sees. gRPC sends binary values in
 * headers whose name ends in {@code -bin}, base64-encoded; an entry that cannot be a header (a
 * reserved name, bytes under a text name, a value with line breaks) is left out and logged, so a
 * user function cannot corrupt the response.
 */
public final class ResponseHeaders {

  private static final Logger log = LoggerFactory.getLogger(ResponseHeaders.class);
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  private ResponseHeaders() {}

  public static List<HttpHeader> of(Metadata metadata) {
    if (metadata.getEntriesCount() == 0) {
      return List.of();
    }
    List<HttpHeader> headers = new ArrayList<>(metadata.getEntriesCount());
    for (MetadataEntry entry : metadata.getEntriesList()) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      String value = valueOf(name, entry);
      if (value == null) {
        log.warn("Reply metadata '{}' is not sent to the client: a reserved or invalid header", entry.getKey());
      } else {
        headers.add(RawHeader.create(name, value));
      }
    }
    return headers;
  }

  private static String valueOf(String name, MetadataEntry entry) {
    if (!ForwardedHeaders.forwardable(name) || !isToken(name)) {
      return null;
    }
    if (name.endsWith("-bin")) {
      return entry.hasBytesValue() ? BASE64.encodeToString(entry.getBytesValue().toByteArray()) : null;
    }
    return entry.hasStringValue() && isPrintableAscii(entry.getStringValue()) ? entry.getStringValue() : null;
  }

  /** gRPC header names: lower-case letters, digits, '-', '_' and '.'. */
  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
