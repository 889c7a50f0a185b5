package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.function.Function;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One kind of entity as the user function serves it: the protocol's entity type, named at
 * discovery, and the gRPC service of that protocol, which serves every registered entity of the
 * kind. Adding a kind means one implementation of this, and one {@link EntityDefinition} subclass.
 */
interface EntityProtocol {

  /** The full name of the protocol's gRPC service, from its generated {@code name} constant. */
  String entityType();

  /**
   * The partial handler of the protocol's service (it declines requests for other services).
   *
   * @param entities the registered entities of this kind, each of this protocol's definition class
   */
  Function<HttpRequest, CompletionStage<HttpResponse>> handler(List<EntityDefinition> entities, ActorSystem system);
}
