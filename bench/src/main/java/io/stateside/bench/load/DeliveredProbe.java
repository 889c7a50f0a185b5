package io.stateside.bench.load;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.stateside.bench.protocol.DeliveredReply;
import io.stateside.bench.protocol.DeliveredRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Asks the eventing scenario's subscriber, through the proxy, what it has got so far. */
public final class DeliveredProbe implements AutoCloseable {

  private static final MethodDescriptor<Message, DeliveredReply> DELIVERED =
      MethodDescriptor.<Message, DeliveredReply>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName("stateside.bench.BenchEvents", "Delivered"))
          .setRequestMarshaller(ProtoMarshaller.writeOnly())
          .setResponseMarshaller(ProtoMarshaller.reading(DeliveredReply.parser()))
          .build();

  private final ManagedChannel channel;
  private final Duration callTimeout;

  public DeliveredProbe(String host, int port, Duration callTimeout) {
    this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    this.callTimeout = callTimeout;
  }

  public DeliveredReply delivered() {
    return call(DeliveredRequest.getDefaultInstance());
  }

  /** What was counted so far; the subscriber then counts afresh. */
  public DeliveredReply deliveredThenReset() {
    return call(DeliveredRequest.newBuilder().setReset(true).build());
  }

  private DeliveredReply call(DeliveredRequest request) {
    return ClientCalls.blockingUnaryCall(channel, DELIVERED,
        CallOptions.DEFAULT.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS), request);
  }

  @Override
  public void close() {
    GrpcCalls.close(channel);
  }
}
