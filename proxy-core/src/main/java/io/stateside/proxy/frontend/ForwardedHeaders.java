package io.stateside.proxy.frontend;

import java.util.Set;

/**
 * Which headers cross between a client and the user function, in either direction. gRPC's own
 * headers, HTTP's hop-by-hop headers and transport headers belong to one connection: passing a
 * client's on would mean nothing to the user function, and passing a user function's back
 * (a {@code grpc-status}, a {@code content-type}) would break the call.
 */
final class ForwardedHeaders {

  private static final Set<String> CONNECTION_HEADERS = Set.of(
      // HTTP/1.1 hop-by-hop (RFC 7230, 6.1) and HTTP/2 connection-specific (RFC 7540, 8.1.2.2)
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade",
      // the transport's own
      "content-type", "content-length", "content-encoding", "host", "user-agent", "date", "server",
      // added by akka-http itself
      "timeout-access");

  private ForwardedHeaders() {}

  /** Whether a header of this (lower-case) name is the caller's or the user function's to send. */
  static boolean forwardable(String name) {
    return !name.isEmpty() && name.charAt(0) != ':' && !name.startsWith("grpc-") && !CONNECTION_HEADERS.contains(name);
  }
}
