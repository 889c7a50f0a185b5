package io.stateside.proxy.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.grpc.StatusRuntimeException;
import io.stateside.example.crdtcounter.Consistency;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CrdtCounterServiceClient;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.CrdtCounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-node cluster stopped and started again on the same folder: the whole cluster restarts,
 * so whatever the new node knows it read from disk.
 */
class DurableCrdtStateTest {

  @TempDir
  Path directory;

  private ActorSystem userSide;

  /** The proxy, its user function and a client, started and stopped together. */
  private final class Node implements AutoCloseable {
    final CrdtCounterUserFunction userFunction = CrdtCounterUserFunction.start(userSide);
    final StatesideProxy proxy;
    final CrdtCounterServiceClient client;

    Node(boolean durable) {
      proxy = ProxyHarness.start(userFunction.port(), Map.of(
          "stateside.proxy.crdt.durable", durable ? "on" : "off",
          "stateside.proxy.crdt.durable-directory", directory.toString()));
      client = CrdtCounterServiceClient.create(
          GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide).withTls(false)
              .withDeadline(Duration.ofSeconds(20)),
          userSide);
    }

    long increment(String id, long by, Consistency consistency) {
      return client.increment(IncrementRequest.newBuilder().setCounterId(id).setBy(by).setConsistency(consistency)
          .build()).toCompletableFuture().join().getValue();
    }

    long get(String id) {
      return client.get(CounterRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue();
    }

    void delete(String id) {
      client.delete(CounterRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join();
    }

    @Override
    public void close() {
      client.close();
      ProxyHarness.stop(proxy);
      userFunction.close();
    }
  }

  @BeforeEach
  void startUserSide() {
    userSide = ProxyHarness.userSideSystem();
  }

  @AfterEach
  void stopUserSide() {
    userSide.terminate();
  }

  @Test
  void withDurableStateANewProxyOnTheSameFolderReadsEveryAcknowledgedUpdate() {
    try (Node first = new Node(true)) {
      first.increment("a", 2, Consistency.LOCAL);
      first.increment("a", 3, Consistency.MAJORITY);
      assertEquals(7, first.increment("b", 7, Consistency.ALL));
      first.increment("gone", 1, Consistency.LOCAL);
      first.delete("gone");
    }
    try (Node second = new Node(true)) {
      assertEquals(5, second.get("a"));
      assertEquals(7, second.get("b"));
      assertEquals(6, second.increment("a", 1, Consistency.LOCAL), "the entity goes on from the value it read");
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> {
        try {
          second.get("gone");
        } catch (CompletionException e) {
          throw e.getCause();
        }
      });
      assertTrue(refused.getStatus().getDescription().contains("deleted"), refused.getStatus().getDescription());
    }
  }

  @Test
  void withoutDurableStateANewProxyOnTheSameFolderStartsEmpty() {
    try (Node first = new Node(false)) {
      assertEquals(5, first.increment("a", 5, Consistency.LOCAL));
    }
    try (Node second = new Node(false)) {
      assertEquals(0, second.get("a"));
    }
  }
}
