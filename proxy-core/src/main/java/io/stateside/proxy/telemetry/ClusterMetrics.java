package io.stateside.proxy.telemetry;

import akka.actor.ActorSystem;
import akka.actor.Cancellable;
import akka.cluster.Cluster;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ClusterSharding;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.time.Duration;
import java.util.Locale;

/**
 * The cluster's metrics as this node sees them: members by status, unreachable members, and for
 * each sharded entity type the shards and entities hosted here. Membership is read at scrape
 * time; the sharding figures are asked of the local shard regions every {@code interval}.
 */
public final class ClusterMetrics {

  private final Cancellable poll;

  private ClusterMetrics(Cancellable poll) {
    this.poll = poll;
  }

  public static ClusterMetrics start(ActorSystem system, ProxyMetrics metrics, Duration interval) {
    Cluster cluster = Cluster.get(system);
    metrics.registry().register(GaugeWithCallback.builder().name("stateside_cluster_members")
        .help("Cluster members by status, as this node sees them").labelNames("status")
        .callback(callback -> {
          ClusterEvent.CurrentClusterState state = cluster.state();
          int[] counts = new int[STATUSES.length];
          for (Member member : state.getMembers()) {
            for (int i = 0; i < STATUSES.length; i++) {
              if (member.status().equals(STATUSES[i])) {
                counts[i]++;
              }
            }
          }
          for (int i = 0; i < STATUSES.length; i++) {
            callback.call(counts[i], name(STATUSES[i]));
          }
        }).build());
    metrics.registry().register(GaugeWithCallback.builder().name("stateside_cluster_unreachable_members")
        .help("Members this node's failure detector finds unreachable")
        .callback(callback -> callback.call(cluster.state().getUnreachable().size())).build());
    Gauge shards = Gauge.builder().name("stateside_shards")
        .help("Shards hosted on this node, by sharded entity type").labelNames("type_name").build();
    Gauge entities = Gauge.builder().name("stateside_shard_entities")
        .help("Entities in the shards hosted on this node, by sharded entity type").labelNames("type_name").build();
    metrics.registry().register(shards);
    metrics.registry().register(entities);
    ClusterSharding sharding = ClusterSharding.get(system);
    Cancellable poll = system.scheduler().scheduleWithFixedDelay(interval, interval, () -> {
      for (String typeName : sharding.getShardTypeNames()) {
        Patterns.ask(sharding.shardRegion(typeName), ShardRegion.getRegionStatsInstance(), interval)
            .thenAccept(reply -> {
              if (reply instanceof ShardRegion.ShardRegionStats stats) {
                shards.labelValues(typeName).set(stats.getStats().size());
                long count = 0;
                for (Object perShard : stats.getStats().values()) {
                  count += ((Number) perShard).longValue();
                }
                entities.labelValues(typeName).set(count);
              }
            });
      }
    }, system.dispatcher());
    return new ClusterMetrics(poll);
  }

  private static final MemberStatus[] STATUSES = {
      MemberStatus.joining(), MemberStatus.weaklyUp(), MemberStatus.up(), MemberStatus.leaving(),
      MemberStatus.exiting(), MemberStatus.down(), MemberStatus.removed()};

  private static String name(MemberStatus status) {
    String simple = status.getClass().getSimpleName().replace("$", "");
    return simple.toLowerCase(Locale.ROOT);
  }

  public void stop() {
    poll.cancel();
  }
}
