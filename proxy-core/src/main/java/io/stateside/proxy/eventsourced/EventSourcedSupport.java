package io.stateside.proxy.eventsourced;

import akka.actor.ActorRef;
import akka.cluster.sharding.ClusterSharding;
import akka.cluster.sharding.ClusterShardingSettings;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.concurrent.PlainFutures;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityTypeSupport;
import io.stateside.proxy.entity.UserEntity;
import java.util.List;

/** Event-sourced entities: sharded across the cluster, state kept as a journal of events. */
public final class EventSourcedSupport implements EntityTypeSupport {

  /** The {@code kind} label of this entity type's metrics. */
  static final String KIND = "event_sourced";

  @Override
  public String entityType() {
    return EventSourced.name;
  }

  @Override
  public List<String> validate(ServiceDescriptor service) {
    return service.getMethods().stream()
        .filter(method -> method.isClientStreaming() || method.isServerStreaming())
        .map(method -> "method " + method.getName() + " is streamed; event-sourced entities serve unary methods only")
        .toList();
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    EventSourcedClient client = EventSourcedClient.create(context.userFunction(), context.system());
    EventSourcedEntity.Settings settings = new EventSourcedEntity.Settings(
        entity.serviceName(),
        entity.persistenceId(),
        client,
        new JournalReplay(context.system(), context.settings().readJournalPlugin()),
        context.settings().entityPipelineDepth(),
        context.settings().userFunctionTimeout(),
        context.metrics().entities(KIND, entity.serviceName()));
    ClusterSharding sharding = ClusterSharding.get(context.system());
    ClusterShardingSettings shardingSettings = passivatingAfter(ClusterShardingSettings.create(context.system()), entity);
    ActorRef region = sharding.start(
        "event-sourced-" + entity.serviceName(),
        EventSourcedEntity.props(settings),
        shardingSettings,
        new ShardRegion.HashCodeMessageExtractor(context.settings().numberOfShards()) {
          @Override
          public String entityId(Object message) {
            return ((EntityCommand) message).getEntityId();
          }
        },
        sharding.defaultShardAllocationStrategy(shardingSettings),
        EventSourcedEntity.Stop.INSTANCE);
    return (command, timeout) ->
        PlainFutures.of(Patterns.ask(region, command, timeout)).thenApply(EntityReply.class::cast);
  }

  private static ClusterShardingSettings passivatingAfter(ClusterShardingSettings settings, UserEntity entity) {
    return settings.withPassivationStrategy(
        settings.passivationStrategySettings().withIdleEntityPassivation(entity.passivationTimeout()));
  }
}
