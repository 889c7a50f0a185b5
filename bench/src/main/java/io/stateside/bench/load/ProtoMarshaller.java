package io.stateside.bench.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.Status;
import java.io.InputStream;

/** Protobuf messages on grpc-java's wire; requests only need writing, replies only reading. */
final class ProtoMarshaller<T extends MessageLite> implements Marshaller<T> {

  private final Parser<? extends T> parser;

  private ProtoMarshaller(Parser<? extends T> parser) {
    this.parser = parser;
  }

  static <T extends MessageLite> ProtoMarshaller<T> reading(Parser<? extends T> parser) {
    return new ProtoMarshaller<>(parser);
  }

  static <T extends MessageLite> ProtoMarshaller<T> writeOnly() {
    return new ProtoMarshaller<>(null);
  }

  @Override
  public InputStream stream(T message) {
    return message.toByteString().newInput();
  }

  @Override
  public T parse(InputStream stream) {
    if (parser == null) {
      throw new UnsupportedOperationException("this marshaller only writes");
    }
    try {
      return parser.parseFrom(stream);
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL.withDescription("unparseable message: " + e.getMessage()).withCause(e).asRuntimeException();
    }
  }
}
