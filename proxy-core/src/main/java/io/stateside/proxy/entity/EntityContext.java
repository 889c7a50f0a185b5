package io.stateside.proxy.entity;

import akka.actor.ActorSystem;
import akka.actor.ClassicActorSystemProvider;
import akka.grpc.GrpcClientSettings;
import io.stateside.proxy.config.ProxySettings;
import io.stateside.proxy.telemetry.ProxyMetrics;
import java.util.function.BiFunction;

/**
 * What an entity type needs from the running proxy to start its entities. {@code metrics} is
 * where its entities report activations, recoveries, journal writes and stream failures
 * ({@link ProxyMetrics#entities}); {@code sideEffects} runs side effects that no call is waiting
 * for.
 */
public record EntityContext(
    ActorSystem system, ProxySettings settings, GrpcClientSettings userFunction, ProxyMetrics metrics,
    SideEffectRunner sideEffects) {

  /**
   * The connections one service's entity streams share, each made with {@code create} (a
   * generated client's {@code create}), as many as the streams need.
   */
  public <C> UserFunctionConnections<C> connections(
      BiFunction<GrpcClientSettings, ClassicActorSystemProvider, C> create, String serviceName) {
    return new UserFunctionConnections<>(() -> create.apply(userFunction, system),
        settings.userFunctionStreamsPerConnection(), serviceName);
  }
}
