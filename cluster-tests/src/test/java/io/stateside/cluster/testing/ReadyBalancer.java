package io.stateside.cluster.testing;

import akka.actor.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load balancer in front of the nodes does: it polls each node's /ready and spreads calls
 * over the nodes that are ready, so a node that starts shutting down is drained before it unbinds.
 */
public final class ReadyBalancer implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final List<ClusterNode> nodes;
  private final List<CartCalls> calls = new ArrayList<>();
  private final boolean[] ready;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread poller;

  public ReadyBalancer(List<ClusterNode> nodes, ActorSystem clientSystem, Duration deadline) {
    this.nodes = List.copyOf(nodes);
    this.ready = new boolean[nodes.size()];
    for (ClusterNode node : nodes) {
      calls.add(new CartCalls(node.ports().http(), clientSystem, deadline));
    }
    pollOnce();
    poller = new Thread(() -> {
      while (!stopped.get()) {
        pollOnce();
        ClusterNode.sleep(POLL.toMillis());
      }
    }, "ready-poller");
    poller.setDaemon(true);
    poller.start();
  }

  private void pollOnce() {
    for (int i = 0; i < nodes.size(); i++) {
      boolean now = nodes.get(i).isReady();
      synchronized (ready) {
        ready[i] = now;
      }
    }
  }

  /** The calls of the next ready node, round robin; waits while none is ready. */
  public CartCalls next() {
    for (int attempt = 0; attempt < 600; attempt++) {
      int start = Math.floorMod(next.getAndIncrement(), nodes.size());
      for (int k = 0; k < nodes.size(); k++) {
        int i = (start + k) % nodes.size();
        synchronized (ready) {
          if (ready[i]) {
            return calls.get(i);
          }
        }
      }
      ClusterNode.sleep(100);
    }
    throw new IllegalStateException("no node was ready for a minute");
  }

  /** The calls of node {@code index}, whether it is ready or not. */
  public CartCalls of(int index) {
    return calls.get(index);
  }

  @Override
  public void close() {
    stopped.set(true);
    calls.forEach(CartCalls::close);
  }
}
