package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.SystemMaterializer;
import io.stateside.protocol.crdt.CrdtHandlerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** CRDT entities, served by {@code cloudstate.crdt.Crdt}. */
final class CrdtEntityProtocol implements EntityProtocol {

  static final CrdtEntityProtocol INSTANCE = new CrdtEntityProtocol();

  private CrdtEntityProtocol() {}

  @Override
  public String entityType() {
    return io.stateside.protocol.crdt.Crdt.name;
  }

  @Override
  public Function<HttpRequest, CompletionStage<HttpResponse>> handler(List<EntityDefinition> entities, ActorSystem system) {
    Map<String, CrdtEntity> byService = new LinkedHashMap<>();
    entities.forEach(entity -> byService.put(entity.serviceName(), (CrdtEntity) entity));
    return CrdtHandlerFactory.partial(new CrdtEntityEndpoint(byService), io.stateside.protocol.crdt.Crdt.name,
        SystemMaterializer.get(system).materializer(), GrpcErrors.mapper(), system);
  }
}
