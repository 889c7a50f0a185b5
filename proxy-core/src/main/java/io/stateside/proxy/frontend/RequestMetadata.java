package io.stateside.proxy.frontend;

import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import com.google.protobuf.ByteString;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import java.util.Base64;
import java.util.Set;

/** The request headers a user function may see, as protocol metadata. */
public final class RequestMetadata {

  /** Transport headers that mean nothing to the user function. */
  private static final Set<String> TRANSPORT_HEADERS = Set.of(
      "content-type", "te", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding",
      "user-agent", "content-length", "host", "timeout-access");

  private RequestMetadata() {}

  public static Metadata of(HttpRequest request) {
    Metadata.Builder metadata = null;
    for (HttpHeader header : request.getHeaders()) {
      String name = header.lowercaseName();
      if (TRANSPORT_HEADERS.contains(name)) {
        continue;
      }
      if (metadata == null) {
        metadata = Metadata.newBuilder();
      }
      MetadataEntry.Builder entry = MetadataEntry.newBuilder().setKey(name);
      if (name.endsWith("-bin")) {
        entry.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(header.value())));
      } else {
        entry.setStringValue(header.value());
      }
      metadata.addEntries(entry);
    }
    return metadata == null ? Metadata.getDefaultInstance() : metadata.build();
  }
}
