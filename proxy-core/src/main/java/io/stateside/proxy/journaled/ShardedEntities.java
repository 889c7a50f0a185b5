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

  /** {@code regionPrefix} keeps the shard regions of different kinds apart. */
  public static EntityGateway start(
      String regionPrefix, UserEntity entity, EntityProtocol<?, ?> protocol, EntityContext context) {
    JournaledEntity.Settings settings = new JournaledEntity.Settings(
        entity.serviceName(),
        entity.persistenceId(),
        protocol,
        context.settings().entityPipelineDepth(),
        context.settings().userFunctionTimeout());
    ClusterSharding sharding = ClusterSharding.get(context.system());
    ClusterShardingSettings shardingSettings = passivatingAfter(ClusterShardingSettings.create(context.system()), entity);
    ActorRef region = sharding.start(
        regionPrefix + "-" + entity.serviceName(),
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
