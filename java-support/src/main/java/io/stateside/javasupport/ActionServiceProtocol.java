package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.Materializer;
import akka.stream.SystemMaterializer;
import io.stateside.protocol.action.ActionProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Actions, served by {@code cloudstate.action.ActionProtocol}. */
final class ActionServiceProtocol implements EntityProtocol {

  static final ActionServiceProtocol INSTANCE = new ActionServiceProtocol();

  private ActionServiceProtocol() {}

  @Override
  public String entityType() {
    return ActionProtocol.name;
  }

  @Override
  public Function<HttpRequest, CompletionStage<HttpResponse>> handler(List<EntityDefinition> entities, ActorSystem system) {
    Map<String, Action> byService = new LinkedHashMap<>();
    entities.forEach(entity -> byService.put(entity.serviceName(), (Action) entity));
    Materializer materializer = SystemMaterializer.get(system).materializer();
    return new ActionProtocolHandler(new ActionEndpoint(byService, materializer), materializer, GrpcErrors.mapper(), system);
  }
}
