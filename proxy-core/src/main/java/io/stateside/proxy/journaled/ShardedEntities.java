package io.stateside.proxy.journaled;

import akka.actor.ActorRef;
import akka.cluster.sharding.ClusterSharding;
import akka.cluster.sharding.ClusterShardingSettings;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.concurrent.PlainFutures;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.UserEntity;

/**
 * Starts the entities of one journaled service, sharded across the cluster: one
 * {@link JournaledEntity} per entity id, passivated when idle.
 */
public final class ShardedEntities {

  private ShardedEntities() {}

  /**
   * {@code kind} is the {@code kind} label of the entities' metrics, and keeps the shard regions
   * of different kinds apart. {@code pruneEvery}: for a kind that only ever reads an entity's
   * latest journal entry, delete the earlier ones after every this many writes; 0 keeps the
   * whole journal.
   */
  public static EntityGateway start(
      String kind, UserEntity entity, EntityProtocol<?, ?> protocol, int pruneEvery, EntityContext context) {
    JournaledEntity.Settings settings = new JournaledEntity.Settings(
        entity.serviceName(),
        entity.persistenceId(),
        protocol,
        context.settings().entityPipelineDepth(),
        context.settings().userFunctionTimeout(),
        pruneEvery,
        context.metrics().entities(kind, entity.serviceName()));
    ClusterSharding sharding = ClusterSharding.get(context.system());
    ClusterShardingSettings shardingSettings = passivatingAfter(ClusterShardingSettings.create(context.system()), entity);
    ActorRef region = sharding.start(
        kind + "-" + entity.serviceName(),
        JournaledEntity.props(settings),
        shardingSettings,
        new ShardRegion.HashCodeMessageExtractor(context.settings().numberOfShards()) {
          @Override
          public String entityId(Object message) {
            return ((EntityCommand) message).getEntityId();
          }
        },
        sharding.defaultShardAllocationStrategy(shardingSettings),
        JournaledEntity.Stop.INSTANCE);
    return (command, timeout) ->
        PlainFutures.of(Patterns.ask(region, command, timeout)).thenApply(EntityReply.class::cast);
  }

  private static ClusterShardingSettings passivatingAfter(ClusterShardingSettings settings, UserEntity entity) {
    return settings.withPassivationStrategy(
        settings.passivationStrategySettings().withIdleEntityPassivation(entity.passivationTimeout()));
  }
}
