package io.stateside.proxy.testing;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.stateside.example.register.AppendRequest;
import io.stateside.example.register.ClearRequest;
import io.stateside.example.register.GetRequest;
import io.stateside.example.register.RegisterServiceClient;
import io.stateside.example.register.RegisterValue;
import io.stateside.example.register.SetRequest;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Blocking calls to the register value entity through a proxy; failures are thrown as the call's status. */
public final class RegisterCalls implements AutoCloseable {

  private final RegisterServiceClient client;

  public RegisterCalls(int proxyPort, ActorSystem clientSystem) {
    this.client = RegisterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxyPort, clientSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(15)),
        clientSystem);
  }

  public RegisterValue set(String id, String value) {
    return await(client.set(SetRequest.newBuilder().setRegisterId(id).setValue(value).build()));
  }

  public RegisterValue append(String id, String text) {
    return await(client.append(AppendRequest.newBuilder().setRegisterId(id).setText(text).build()));
  }

  public RegisterValue get(String id) {
    return await(client.get(GetRequest.newBuilder().setRegisterId(id).build()));
  }

  public RegisterValue clear(String id) {
    return await(client.clear(ClearRequest.newBuilder().setRegisterId(id).build()));
  }

  private static RegisterValue await(CompletionStage<RegisterValue> call) {
    try {
      return call.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void close() {
    client.close().toCompletableFuture().join();
  }
}
