package io.stateside.proxy.frontend;

import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import io.grpc.Status;
import io.stateside.proxy.config.ProxySettings.CallLimits;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a call for its headers alone: too many, too large, or a message encoding the proxy
 * cannot decode. akka-http would fail the whole connection for the first two (its own limits
 * are set far higher for that reason) and akka-grpc for the third.
 */
final class RequestHeaderCheck {

  /** What akka-grpc 2.1 decodes. */
  private static final Set<String> DECODABLE_ENCODINGS = Set.of("identity", "gzip");
  /** Added by akka-http itself, not sent by the client. */
  private static final String SYNTHETIC_HEADER = "timeout-access";
  /** HTTP/2 counts each header as its name, its value and this overhead (RFC 7540, 6.5.2). */
  private static final int HEADER_OVERHEAD = 32;

  private final int maxHeaderCount;
  private final int maxHeaderListSize;

  RequestHeaderCheck(CallLimits limits) {
    this.maxHeaderCount = limits.maxHeaderCount();
    this.maxHeaderListSize = limits.maxHeaderListSize();
  }

  /** The status to answer the call with right away, if its headers are not acceptable. */
  Optional<Status> refusal(HttpRequest request) {
    int count = 0;
    long size = 0;
    String encoding = null;
    for (HttpHeader header : request.getHeaders()) {
      String name = header.lowercaseName();
      if (name.equals(SYNTHETIC_HEADER)) {
        continue;
      }
      count++;
      size += name.length() + header.value().length() + HEADER_OVERHEAD;
      if (name.equals("grpc-encoding")) {
        encoding = header.value();
      }
    }
    if (count > maxHeaderCount) {
      return Optional.of(Status.RESOURCE_EXHAUSTED.withDescription(
          count + " request headers, over the limit of " + maxHeaderCount));
    }
    if (size > maxHeaderListSize) {
      return Optional.of(Status.RESOURCE_EXHAUSTED.withDescription(
          "request headers of " + size + " bytes, over the limit of " + maxHeaderListSize));
    }
    if (encoding != null && !DECODABLE_ENCODINGS.contains(encoding)) {
      return Optional.of(Status.UNIMPLEMENTED.withDescription(
          "message encoding " + encoding + " is not supported; use one of " + DECODABLE_ENCODINGS));
    }
    return Optional.empty();
  }
}
