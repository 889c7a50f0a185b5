package io.stateside.tck.interceptor;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.action.ActionProtocolHandlerFactory;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.crdt.CrdtHandlerFactory;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedHandlerFactory;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.protocol.valueentity.ValueEntityHandlerFactory;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A gRPC server that stands in for the user function: the proxy under test is pointed at it, it
 * forwards every call to the real user function and records every protocol message in both
 * directions. An entity type's protocol is added here by one more forwarding service.
 */
public final class Interceptor implements AutoCloseable {

  private final ServerBinding binding;
  private final EntityDiscoveryClient discoveryClient;
  private final EventSourcedClient eventSourcedClient;
  private final DiscoveryInterceptor discovery;
  private final EventSourcedInterceptor eventSourced;
  private final ValueEntityClient valueEntityClient;
  private final ValueEntityInterceptor valueEntity;
  private final ActionProtocolClient actionClient;
  private final ActionInterceptor action;
  private final CrdtClient crdtClient;
  private final CrdtInterceptor crdt;

  private Interceptor(ServerBinding binding, EntityDiscoveryClient discoveryClient, EventSourcedClient eventSourcedClient,
                      DiscoveryInterceptor discovery, EventSourcedInterceptor eventSourced,
                      ValueEntityClient valueEntityClient, ValueEntityInterceptor valueEntity,
                      ActionProtocolClient actionClient, ActionInterceptor action,
                      CrdtClient crdtClient, CrdtInterceptor crdt) {
    this.binding = binding;
    this.discoveryClient = discoveryClient;
    this.eventSourcedClient = eventSourcedClient;
    this.discovery = discovery;
    this.eventSourced = eventSourced;
    this.valueEntityClient = valueEntityClient;
    this.valueEntity = valueEntity;
    this.actionClient = actionClient;
    this.action = action;
    this.crdtClient = crdtClient;
    this.crdt = crdt;
  }

  /**
   * Listens on {@code host:port} (port 0: any free port) and forwards to the user function.
   *
   * @param userFunction where the real user function listens
   * @param timeout how long a scenario's expectation on a recorded stream waits
   */
  public static CompletionStage<Interceptor> start(
      ActorSystem system, String host, int port, GrpcClientSettings userFunction, Duration timeout) {
    EntityDiscoveryClient discoveryClient = EntityDiscoveryClient.create(userFunction, system);
    EventSourcedClient eventSourcedClient = EventSourcedClient.create(userFunction, system);
    DiscoveryInterceptor discovery = new DiscoveryInterceptor(discoveryClient);
    EventSourcedInterceptor eventSourced = new EventSourcedInterceptor(eventSourcedClient, timeout);
    ValueEntityClient valueEntityClient = ValueEntityClient.create(userFunction, system);
    ValueEntityInterceptor valueEntity = new ValueEntityInterceptor(valueEntityClient, timeout);
    ActionProtocolClient actionClient = ActionProtocolClient.create(userFunction, system);
    ActionInterceptor action = new ActionInterceptor(actionClient, timeout);
    CrdtClient crdtClient = CrdtClient.create(userFunction, system);
    CrdtInterceptor crdt = new CrdtInterceptor(crdtClient, timeout);
    @SuppressWarnings("unchecked")
    Function<HttpRequest, CompletionStage<HttpResponse>> handler = ServiceHandler.concatOrNotFound(
        EntityDiscoveryHandlerFactory.partial(discovery, EntityDiscovery.name, system),
        EventSourcedHandlerFactory.partial(eventSourced, EventSourced.name, system),
        ValueEntityHandlerFactory.partial(valueEntity, ValueEntity.name, system),
        ActionProtocolHandlerFactory.partial(action, ActionProtocol.name, system),
        CrdtHandlerFactory.partial(crdt, Crdt.name, system));
    return Http.get(system).newServerAt(host, port).bind(handler)
        .thenApply(binding -> new Interceptor(binding, discoveryClient, eventSourcedClient, discovery, eventSourced,
            valueEntityClient, valueEntity, actionClient, action, crdtClient, crdt));
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public DiscoveryInterceptor discovery() {
    return discovery;
  }

  public StreamRecorder<EventSourcedStreamIn, EventSourcedStreamOut> eventSourced() {
    return eventSourced.recorder();
  }

  public StreamRecorder<ValueEntityStreamIn, ValueEntityStreamOut> valueEntity() {
    return valueEntity.recorder();
  }

  public StreamRecorder<CrdtStreamIn, CrdtStreamOut> crdt() {
    return crdt.recorder();
  }

  /** Action calls, keyed by service and the scenario's call id ({@link #CALL_ID_HEADER}) or their event's subject. */
  public StreamRecorder<ActionCommand, ActionResponse> action() {
    return action.recorder();
  }

  /** The request header a scenario names its action call with. */
  public static final String CALL_ID_HEADER = ActionInterceptor.CALL_ID_HEADER;

  @Override
  public void close() {
    binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().join();
    discoveryClient.close().toCompletableFuture().join();
    eventSourcedClient.close().toCompletableFuture().join();
    valueEntityClient.close().toCompletableFuture().join();
    actionClient.close().toCompletableFuture().join();
    crdtClient.close().toCompletableFuture().join();
  }
}
