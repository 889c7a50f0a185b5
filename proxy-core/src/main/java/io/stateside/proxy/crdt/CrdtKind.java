package io.stateside.proxy.crdt;

import akka.actor.ActorRef;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.KindRules;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.entity.UserFunctionConnections;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * CRDT entities: state replicated to every node with Akka Distributed Data and merged without
 * coordination. Keyed but not sharded: each node that receives calls for an entity runs it
 * against its own replica and its own user function. Unary and server-streaming methods.
 */
public final class CrdtKind implements EntityKind {

  private static final KindRules RULES =
      new KindRules(true, false, Set.of(CallShape.UNARY, CallShape.SERVER_STREAMING), false);

  @Override
  public String protocolName() {
    return Crdt.name;
  }

  @Override
  public String displayName() {
    return "CRDT entities";
  }

  @Override
  public KindRules rules() {
    return RULES;
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    CrdtSettings crdt = CrdtSettings.from(context.system().settings().config());
    UserFunctionConnections<CrdtClient> connections = context.connections(CrdtClient::create, entity.serviceName());
    CrdtEntity.Settings settings = new CrdtEntity.Settings(
        entity.serviceName(),
        in -> connections.stream(client -> client.handle(in)),
        crdt,
        context.settings().entityPipelineDepth(),
        entity.passivationTimeout(),
        context.settings().userFunctionTimeout(),
        context.metrics().entities("crdt", entity.serviceName()),
        context.sideEffects());
    ActorRef entities = context.system().actorOf(CrdtEntities.props(settings), "crdt-" + actorName(entity.serviceName()));
    return new CrdtGateway(entities, crdt.streamBuffer());
  }

  private static String actorName(String serviceName) {
    return URLEncoder.encode(serviceName, StandardCharsets.UTF_8);
  }
}
