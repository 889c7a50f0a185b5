package io.stateside.proxy.frontend;

import akka.NotUsed;
import akka.http.javadsl.model.HttpRequest;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.grpc.Status;
import java.util.Base64;
import java.util.List;

/**
 * The base64 of {@code application/grpc-web-text} request bodies, decoded so that the frontend's
 * frame guard reads the gRPC frames inside. A client may encode each message on its own, so
 * padding can appear mid-body; chunks are cut anywhere, so an incomplete group waits for the next.
 */
final class GrpcWebText {

  private GrpcWebText() {}

  static boolean isText(HttpRequest request) {
    return request.entity().getContentType().mediaType().toString().startsWith("application/grpc-web-text");
  }

  /** Decodes a base64 body chunk by chunk into the bytes it encodes. */
  static Flow<ByteString, ByteString, NotUsed> decoder() {
    return Flow.<ByteString>create().statefulMapConcat(() -> {
      ByteString[] pending = {ByteString.emptyByteString()};
      return chunk -> {
        ByteString all = pending[0].concat(chunk);
        int complete = all.length() - all.length() % 4;
        pending[0] = all.drop(complete);
        return List.of(decode(all.take(complete)));
      };
    });
  }

  /** Whole 4-character groups; a group with padding ends one encoded piece and the next one starts after it. */
  private static ByteString decode(ByteString groups) {
    Base64.Decoder decoder = Base64.getDecoder();
    ByteString decoded = ByteString.emptyByteString();
    int start = 0;
    try {
      for (int end = 4; end <= groups.length(); end += 4) {
        if (groups.apply(end - 1) == '=' || end == groups.length()) {
          decoded = decoded.concat(ByteString.fromArrayUnsafe(decoder.decode(groups.slice(start, end).toArrayUnsafe())));
          start = end;
        }
      }
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription("the grpc-web-text body is not base64: " + e.getMessage())
          .asRuntimeException();
    }
    return decoded;
  }
}
