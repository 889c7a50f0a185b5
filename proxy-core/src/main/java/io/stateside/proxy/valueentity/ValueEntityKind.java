package io.stateside.proxy.valueentity;

import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.KindRules;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.entity.UserFunctionConnections;
import io.stateside.proxy.journaled.JournalReplay;
import io.stateside.proxy.journaled.ShardedEntities;

/**
 * Value entities: sharded across the cluster, each holding one state value that the user
 * function replaces or deletes. Each change is one journal entry, so value entities get the
 * journal's durability, group commit and event-log tags on every store without a second storage
 * mechanism; an incarnation loads only the latest entry, and the entries before it are deleted
 * from time to time ({@code stateside.proxy.value-entity.prune-every}).
 */
public final class ValueEntityKind implements EntityKind {

  @Override
  public String protocolName() {
    return ValueEntity.name;
  }

  @Override
  public String displayName() {
    return "value entities";
  }

  @Override
  public KindRules rules() {
    return KindRules.persistentUnaryEntities();
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    ValueEntityProtocol protocol = new ValueEntityProtocol(
        connectionsFor(entity, context),
        new JournalReplay(context.system(), context.settings().readJournalPlugin()),
        entity.serviceName());
    return ShardedEntities.start("value_entity", entity, protocol, context.settings().valueEntityPruneEvery(), context);
  }

  /** The user function's {@code handle}, its entity streams spread over as many connections as they need. */
  private static ValueEntity connectionsFor(UserEntity entity, EntityContext context) {
    UserFunctionConnections<ValueEntityClient> connections = context.connections(ValueEntityClient::create, entity.serviceName());
    return in -> connections.stream(client -> client.handle(in));
  }
}
