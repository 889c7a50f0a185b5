package io.stateside.proxy.journaled;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.cluster.sharding.ClusterSharding;
import akka.cluster.sharding.ClusterShardingSettings;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityReplies;
import io.stateside.proxy.entity.UserEntity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starts the entities of one journaled service, sharded across the cluster: one
 * {@link JournaledEntity} per entity id, passivated when idle.
 */
public final class ShardedEntities {

  private static final Duration RESEND_PAUSE = Duration.ofMillis(50);

  private ShardedEntities() {}

  /**
   * {@code kind} is the {@code kind} label of the entities' metrics ({@code event_sourced}), and,
   * hyphenated, the prefix of the shard region's name ({@code event-sourced-<service>}), which
   * keeps kinds apart and must not change between versions: nodes of a rolling upgrade find
   * each other's regions by it. {@code pruneEvery}: for a kind that only ever reads an entity's
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
        context.settings().store().journalReplay(),
        context.metrics().entities(kind, entity.serviceName()));
    ClusterSharding sharding = ClusterSharding.get(context.system());
    ClusterShardingSettings shardingSettings = passivatingAfter(ClusterShardingSettings.create(context.system()), entity);
    ActorRef region = sharding.start(
        kind.replace('_', '-') + "-" + entity.serviceName(),
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
    UndeliveredCommands.ensureStarted(context.system());
    return (command, timeout) -> send(region, command, System.nanoTime() + timeout.toNanos(), context.system());
  }

  /** Sends again, while time is left, a command that sharding dropped before any entity saw it. */
  static CompletionStage<EntityReply> send(ActorRef region, EntityCommand command, long deadlineNanos,
      ActorSystem system) {
    long left = deadlineNanos - System.nanoTime();
    return PlainFutures.of(Patterns.ask(region, command, Duration.ofNanos(Math.max(left, 1))))
        .thenApply(EntityReply.class::cast)
        .thenCompose(reply -> {
          if (!reply.hasNotDelivered()) {
            return CompletableFuture.completedFuture(reply);
          }
          if (deadlineNanos - System.nanoTime() <= RESEND_PAUSE.toNanos()) {
            return CompletableFuture.completedFuture(
                EntityReplies.unavailable("the command could not be delivered: " + reply.getNotDelivered().getReason()));
          }
          // A short pause: the shard is moving, and its new home takes a moment to be known.
          return Patterns.after(RESEND_PAUSE, system, () -> send(region, command.toBuilder()
              .setRemainingNanos(Math.max(deadlineNanos - System.nanoTime(), 1)).build(), deadlineNanos, system));
        });
  }

  private static ClusterShardingSettings passivatingAfter(ClusterShardingSettings settings, UserEntity entity) {
    return settings.withPassivationStrategy(
        settings.passivationStrategySettings().withIdleEntityPassivation(entity.passivationTimeout()));
  }
}
