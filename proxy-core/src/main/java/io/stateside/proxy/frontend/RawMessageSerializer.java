package io.stateside.proxy.frontend;

import akka.grpc.ProtobufSerializer;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Leaves gRPC messages as bytes: the proxy never needs the user's message classes, only
 * their wire form.
 */
final class RawMessageSerializer implements ProtobufSerializer<ByteString> {

  static final RawMessageSerializer INSTANCE = new RawMessageSerializer();

  @Override
  public akka.util.ByteString serialize(ByteString message) {
    return akka.util.ByteString.fromByteBuffer(message.asReadOnlyByteBuffer());
  }

  @Override
  public ByteString deserialize(akka.util.ByteString bytes) {
    return UnsafeByteOperations.unsafeWrap(bytes.toArrayUnsafe());
  }
}
