package io.stateside.proxy.frontend;

import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import com.google.protobuf.ByteString;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import java.util.Base64;

/**
 * The request headers a user function may see, as protocol metadata; binary ({@code -bin}) ones
 * as bytes. A binary header that is not base64 is left out: the caller's mistake should not fail
 * the call.
 */
public final class RequestMetadata {

  private RequestMetadata() {}

  public static Metadata of(HttpRequest request) {
    Metadata.Builder metadata = null;
    for (HttpHeader header : request.getHeaders()) {
      String name = header.lowercaseName();
      if (!ForwardedHeaders.forwardable(name)) {
        continue;
      }
      MetadataEntry.Builder entry = MetadataEntry.newBuilder().setKey(name);
      if (name.endsWith("-bin")) {
        try {
          entry.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(header.value())));
        } catch (IllegalArgumentException notBase64) {
          continue;
        }
      } else {
        entry.setStringValue(header.value());
      }
      if (metadata == null) {
        metadata = Metadata.newBuilder();
      }
      metadata.addEntries(entry);
    }
    return metadata == null ? Metadata.getDefaultInstance() : metadata.build();
  }
}
