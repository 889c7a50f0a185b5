package io.stateside.proxy.crdt;

import akka.cluster.UniqueAddress;
import akka.cluster.ddata.AbstractReplicatedData;
import akka.cluster.ddata.RemovedNodePruning;
import java.util.HashMap;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Vote CRDT, which Akka does not have: every node that voted holds one vote, which only it
 * changes. Each vote carries a version bumped on every change (odd: for, even: against), so a
 * merge keeps the higher version and replicas converge. The voters are the nodes that voted;
 * a node removed from the cluster is pruned and stops counting.
 */
public final class Vote extends AbstractReplicatedData<Vote> implements RemovedNodePruning {

  private static final Vote EMPTY = new Vote(Map.of());

  private final Map<UniqueAddress, Long> versions;

  private Vote(Map<UniqueAddress, Long> versions) {
    this.versions = Map.copyOf(versions);
  }

  public static Vote empty() {
    return EMPTY;
  }

  /** A vote from its serialized versions. */
  static Vote of(Map<UniqueAddress, Long> versions) {
    return new Vote(versions);
  }

  /** Each voter's version, as replicas exchange it. */
  Map<UniqueAddress, Long> versions() {
    return versions;
  }

  /** This node's vote; a node that never voted becomes a voter against by voting false. */
  public Vote cast(UniqueAddress node, boolean inFavour) {
    Long version = versions.get(node);
    if (version == null) {
      return with(node, inFavour ? 1L : 0L);
    }
    return isFor(version) == inFavour ? this : with(node, version + 1);
  }

  public boolean inFavour(UniqueAddress node) {
    Long version = versions.get(node);
    return version != null && isFor(version);
  }

  public int votesFor() {
    return (int) versions.values().stream().filter(Vote::isFor).count();
  }

  public int voters() {
    return versions.size();
  }

  @Override
  public Vote mergeData(Vote that) {
    Map<UniqueAddress, Long> merged = new HashMap<>(versions);
    that.versions.forEach((node, version) -> merged.merge(node, version, Math::max));
    return new Vote(merged);
  }

  @Override
  public scala.collection.immutable.Set<UniqueAddress> modifiedByNodes() {
    return CollectionConverters.asScala(versions.keySet()).toSet();
  }

  @Override
  public boolean needPruningFrom(UniqueAddress removedNode) {
    return versions.containsKey(removedNode);
  }

  /** A departed node's vote is dropped, not handed to {@code collapseInto}: it was its own. */
  @Override
  public Vote prune(UniqueAddress removedNode, UniqueAddress collapseInto) {
    return without(removedNode);
  }

  @Override
  public Vote pruningCleanup(UniqueAddress removedNode) {
    return without(removedNode);
  }

  private Vote with(UniqueAddress node, long version) {
    Map<UniqueAddress, Long> changed = new HashMap<>(versions);
    changed.put(node, version);
    return new Vote(changed);
  }

  private Vote without(UniqueAddress node) {
    Map<UniqueAddress, Long> changed = new HashMap<>(versions);
    changed.remove(node);
    return new Vote(changed);
  }

  private static boolean isFor(long version) {
    return (version & 1) == 1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Vote vote && versions.equals(vote.versions);
  }

  @Override
  public int hashCode() {
    return versions.hashCode();
  }

  @Override
  public String toString() {
    return "Vote" + versions;
  }
}
