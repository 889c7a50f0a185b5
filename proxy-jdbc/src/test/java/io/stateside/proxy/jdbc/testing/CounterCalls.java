package io.stateside.proxy.jdbc.testing;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.grpc.Status;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking calls to the counter service through a proxy, as a client on loopback makes them. */
public final class CounterCalls implements AutoCloseable {

  /** The client's deadline for every call. */
  public static final Duration DEADLINE = Duration.ofSeconds(15);

  private final CounterServiceClient client;

  public CounterCalls(StatesideProxy proxy, ActorSystem clientSystem) {
    this(proxy.httpPort(), clientSystem);
  }

  public CounterCalls(int proxyPort, ActorSystem clientSystem) {
    this.client = CounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxyPort, clientSystem)
            .withTls(false)
            .withDeadline(DEADLINE),
        clientSystem);
  }

  /** Increases the counter; returns its new value, or throws the call's failure. */
  public long increase(String counterId, long by) {
    return await(client.increase(IncreaseRequest.newBuilder().setCounterId(counterId).setBy(by).build())
        .thenApply(value -> value.getValue()));
  }

  public long get(String counterId) {
    return await(client.get(GetRequest.newBuilder().setCounterId(counterId).build())
        .thenApply(value -> value.getValue()));
  }

  /** The client itself, for asynchronous callers. */
  public CounterServiceClient client() {
    return client;
  }

  /** The gRPC status code of a failed call. */
  public static Status.Code code(Throwable failure) {
    return Status.fromThrowable(failure).getCode();
  }

  @Override
  public void close() {
    client.close().toCompletableFuture().join();
  }

  private static long await(java.util.concurrent.CompletionStage<Long> call) {
    try {
      // The client's own deadline ends the call; the margin only guards against a stuck client.
      return call.toCompletableFuture().get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("call outlived its deadline by far", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
