package io.stateside.bench.load;

import com.google.protobuf.Message;
import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.stateside.bench.BenchServices;
import io.stateside.bench.protocol.CounterReply;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Calls the counter services through a proxy, as any gRPC client would: one HTTP/2 connection. */
public final class ProxyTarget implements CounterTarget {

  private final ManagedChannel channel;
  private final Duration callTimeout;
  private final Map<BenchServices, Map<Command.Kind, MethodDescriptor<Message, CounterReply>>> methods =
      new EnumMap<>(BenchServices.class);

  private ProxyTarget(ManagedChannel channel, Duration callTimeout) {
    this.channel = channel;
    this.callTimeout = callTimeout;
    for (BenchServices service : BenchServices.values()) {
      Map<Command.Kind, MethodDescriptor<Message, CounterReply>> byKind = new EnumMap<>(Command.Kind.class);
      for (Command.Kind kind : Command.Kind.values()) {
        byKind.put(kind, MethodDescriptor.<Message, CounterReply>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(service.fullName(), kind.methodName()))
            .setRequestMarshaller(ProtoMarshaller.writeOnly())
            .setResponseMarshaller(ProtoMarshaller.reading(CounterReply.parser()))
            .build());
      }
      methods.put(service, byKind);
    }
  }

  /**
   * @param callTimeout each call's deadline
   * @param acceptGzip whether calls say they accept gzip-compressed replies, as grpc-java clients do
   *     by default; without it the proxy's replies travel uncompressed
   */
  public static ProxyTarget connect(String host, int port, Duration callTimeout, boolean acceptGzip) {
    // Callbacks run on the transport's threads: they only record and send the next call.
    ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress(host, port).usePlaintext().directExecutor();
    if (!acceptGzip) {
      // Identity stays known (the proxy names it in grpc-encoding) but nothing is advertised.
      builder.decompressorRegistry(DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE, false));
    }
    return new ProxyTarget(builder.build(), callTimeout);
  }

  @Override
  public void send(Command command, Completion done) {
    MethodDescriptor<Message, CounterReply> method = methods.get(command.service()).get(command.kind());
    GrpcCalls.unary(channel, method, command.request(), callTimeout, reply -> reply, done);
  }

  @Override
  public void close() {
    GrpcCalls.close(channel);
  }
}
