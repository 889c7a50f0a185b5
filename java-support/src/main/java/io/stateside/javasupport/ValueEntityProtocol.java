package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import akka.stream.SystemMaterializer;
import io.stateside.protocol.valueentity.ValueEntityHandlerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Value entities, served by {@code cloudstate.valueentity.ValueEntity}. */
final class ValueEntityProtocol implements EntityProtocol {

  static final ValueEntityProtocol INSTANCE = new ValueEntityProtocol();

  private ValueEntityProtocol() {}

  @Override
  public String entityType() {
    return io.stateside.protocol.valueentity.ValueEntity.name;
  }

  @Override
  public Function<HttpRequest, CompletionStage<HttpResponse>> handler(List<EntityDefinition> entities, ActorSystem system) {
    Map<String, ValueEntity<?>> byService = new LinkedHashMap<>();
    entities.forEach(entity -> byService.put(entity.serviceName(), (ValueEntity<?>) entity));
    return ValueEntityHandlerFactory.partial(new ValueEntityEndpoint(byService),
        io.stateside.protocol.valueentity.ValueEntity.name,
        SystemMaterializer.get(system).materializer(), GrpcErrors.mapper(), system);
  }
}
