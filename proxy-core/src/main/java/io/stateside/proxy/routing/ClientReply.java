package io.stateside.proxy.routing;

import com.google.protobuf.ByteString;
import io.stateside.protocol.Metadata;

/** The message a call is answered with, and the user function's metadata for the response headers. */
public record ClientReply(ByteString payload, Metadata metadata) {

  /** A legal non-reply (actions) to a call that must answer one message: the output type's empty message. */
  static final ClientReply EMPTY_MESSAGE = new ClientReply(ByteString.EMPTY, Metadata.getDefaultInstance());
}
