package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.SystemMaterializer;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedHandlerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Event-sourced entities, served by {@code cloudstate.eventsourced.EventSourced}. */
final class EventSourcedProtocol implements EntityProtocol {

  static final EventSourcedProtocol INSTANCE = new EventSourcedProtocol();

  private EventSourcedProtocol() {}

  @Override
  public String entityType() {
    return EventSourced.name;
  }

  @Override
  public Function<HttpRequest, CompletionStage<HttpResponse>> handler(List<EntityDefinition> entities, ActorSystem system) {
    Map<String, EventSourcedEntity<?>> byService = new LinkedHashMap<>();
    entities.forEach(entity -> byService.put(entity.serviceName(), (EventSourcedEntity<?>) entity));
    return EventSourcedHandlerFactory.partial(new EventSourcedEndpoint(byService), EventSourced.name,
        SystemMaterializer.get(system).materializer(), GrpcErrors.mapper(), system);
  }
}
