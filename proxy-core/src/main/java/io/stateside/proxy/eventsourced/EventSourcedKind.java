package io.stateside.proxy.eventsourced;

import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.KindRules;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.entity.UserFunctionConnections;
import io.stateside.proxy.journaled.JournalReplay;
import io.stateside.proxy.journaled.ShardedEntities;

/** Event-sourced entities: sharded across the cluster, state kept as a journal of events. */
public final class EventSourcedKind implements EntityKind {

  @Override
  public String protocolName() {
    return EventSourced.name;
  }

  @Override
  public String displayName() {
    return "event-sourced entities";
  }

  @Override
  public KindRules rules() {
    return KindRules.persistentUnaryEntities();
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    EventSourcedProtocol protocol = new EventSourcedProtocol(
        connectionsFor(entity, context),
        new JournalReplay(context.system(), context.settings().readJournalPlugin()),
        entity.serviceName());
    return ShardedEntities.start("event_sourced", entity, protocol, 0, context);
  }

  /** The user function's {@code handle}, its entity streams spread over as many connections as they need. */
  private static EventSourced connectionsFor(UserEntity entity, EntityContext context) {
    UserFunctionConnections<EventSourcedClient> connections = context.connections(EventSourcedClient::create, entity.serviceName());
    return in -> connections.stream(client -> client.handle(in));
  }
}
