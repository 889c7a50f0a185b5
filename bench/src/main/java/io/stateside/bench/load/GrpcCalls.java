package io.stateside.bench.load;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.stateside.bench.protocol.CounterReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What the gRPC targets share: one unary call reported as a {@link CounterReply}, and closing a channel. */
final class GrpcCalls {

  private GrpcCalls() {}

  /** Calls {@code method} with the deadline; {@code done} gets the reply, read by {@code asReply}, or the error. */
  static <R> void unary(ManagedChannel channel, MethodDescriptor<Message, R> method, Message request,
      Duration timeout, Function<R, CounterReply> asReply, CounterTarget.Completion done) {
    ClientCalls.asyncUnaryCall(
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)),
        request,
        new StreamObserver<>() {
          private CounterReply reply;

          @Override
          public void onNext(R value) {
            reply = asReply.apply(value);
          }

          @Override
          public void onError(Throwable error) {
            done.completed(null, error);
          }

          @Override
          public void onCompleted() {
            done.completed(reply, null);
          }
        });
  }

  /** Lets the calls under way finish for up to 10 s, then cuts them. */
  static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
