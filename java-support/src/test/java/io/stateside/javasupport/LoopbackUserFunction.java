package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.valueentity.ValueEntityClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The test entities (event-sourced, value and CRDT) and actions served by a real {@link UserFunction}
 * on a free loopback port, and real gRPC clients of it, as the proxy would use them.
 */
final class LoopbackUserFunction implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String SERVICE_NAME = "java-support-tests";
  static final String SERVICE_VERSION = "1.2.3";

  private final UserFunctionServer server;
  private final ActorSystem clientSystem;
  private final EventSourcedClient eventSourced;
  private final ValueEntityClient valueEntity;
  private final CrdtClient crdt;
  private final ActionProtocolClient actions;
  private final EntityDiscoveryClient discovery;

  private LoopbackUserFunction() throws Exception {
    server = UserFunction.builder()
        .serviceName(SERVICE_NAME)
        .serviceVersion(SERVICE_VERSION)
        .host("127.0.0.1")
        .port(0)
        .register(AccountEntity.definition())
        .register(CounterEntity.definition())
        .register(StockEntity.definition())
        .register(ReplicatedEntity.definition())
        .register(EventingModel.subscriber())
        .register(EventingModel.notes())
        .build()
        .start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    clientSystem = ActorSystem.create("test-client", ConfigFactory.parseString("akka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    GrpcClientSettings settings =
        GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), clientSystem).withTls(false);
    eventSourced = EventSourcedClient.create(settings, clientSystem);
    valueEntity = ValueEntityClient.create(settings, clientSystem);
    crdt = CrdtClient.create(settings, clientSystem);
    actions = ActionProtocolClient.create(settings, clientSystem);
    discovery = EntityDiscoveryClient.create(settings, clientSystem);
  }

  static LoopbackUserFunction start() throws Exception {
    return new LoopbackUserFunction();
  }

  /** Opens a new entity stream, as the proxy does when an entity becomes active. */
  EntityStreamProbe openStream() {
    return EntityStreamProbe.open(eventSourced, clientSystem);
  }

  /** Opens a new value entity stream. */
  ValueStreamProbe openValueStream() {
    return ValueStreamProbe.open(valueEntity, clientSystem);
  }

  /** Opens a new CRDT entity stream. */
  CrdtStreamProbe openCrdtStream() {
    return CrdtStreamProbe.open(crdt, clientSystem);
  }

  /** The actions' protocol, called as the proxy calls it. */
  ActionProtocolClient actions() {
    return actions;
  }

  ActorSystem clientSystem() {
    return clientSystem;
  }

  EntityDiscoveryClient discovery() {
    return discovery;
  }

  @Override
  public void close() throws Exception {
    eventSourced.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    valueEntity.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    crdt.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    actions.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    discovery.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    clientSystem.terminate();
    clientSystem.getWhenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    server.stop().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
