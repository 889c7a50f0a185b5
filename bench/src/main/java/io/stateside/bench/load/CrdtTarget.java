package io.stateside.bench.load;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.stateside.bench.protocol.CounterReply;
import io.stateside.example.crdtcounter.Consistency;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterService;
import io.stateside.example.crdtcounter.IncrementRequest;
import java.time.Duration;
import java.util.Locale;

/**
 * Calls the CRDT counter ({@code BenchCrdtUserFunction}) through a proxy: an {@code Increase} is
 * an Increment with this target's write consistency, a {@code Get} a Get. Replies come back as
 * {@link CounterReply}s carrying the value, so runs measure them like any other.
 */
public final class CrdtTarget implements CounterTarget {

  private static final MethodDescriptor<Message, CounterValue> INCREMENT = method("Increment");
  private static final MethodDescriptor<Message, CounterValue> GET = method("Get");

  private final ManagedChannel channel;
  private final Duration callTimeout;
  private final Consistency consistency;

  private CrdtTarget(ManagedChannel channel, Duration callTimeout, Consistency consistency) {
    this.channel = channel;
    this.callTimeout = callTimeout;
    this.consistency = consistency;
  }

  /** @param consistency {@code local}, {@code majority} or {@code all}, any case */
  public static CrdtTarget connect(String host, int port, Duration callTimeout, String consistency) {
    Consistency parsed;
    try {
      parsed = Consistency.valueOf(consistency.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--consistency must be local, majority or all, was " + consistency);
    }
    // Callbacks run on the transport's threads: they only record and send the next call.
    return new CrdtTarget(ManagedChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build(),
        callTimeout, parsed);
  }

  private static MethodDescriptor<Message, CounterValue> method(String name) {
    return MethodDescriptor.<Message, CounterValue>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(CrdtCounterService.name, name))
        .setRequestMarshaller(ProtoMarshaller.writeOnly())
        .setResponseMarshaller(ProtoMarshaller.reading(CounterValue.parser()))
        .build();
  }

  @Override
  public void send(Command command, Completion done) {
    MethodDescriptor<Message, CounterValue> method;
    Message request;
    switch (command.kind()) {
      case INCREASE -> {
        method = INCREMENT;
        request = IncrementRequest.newBuilder().setCounterId(command.counterId()).setBy(command.amount())
            .setConsistency(consistency).build();
      }
      case GET -> {
        method = GET;
        request = CounterRequest.newBuilder().setCounterId(command.counterId()).build();
      }
      default -> throw new IllegalArgumentException("The CRDT counter has no " + command.kind().methodName());
    }
    GrpcCalls.unary(channel, method, request, callTimeout,
        value -> CounterReply.newBuilder().setValue(value.getValue()).build(), done);
  }

  @Override
  public void close() {
    GrpcCalls.close(channel);
  }
}
