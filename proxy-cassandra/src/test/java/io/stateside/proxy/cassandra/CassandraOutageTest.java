package io.stateside.proxy.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.cassandra.launcher.junit.CassandraExtension;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.HotEntityLoad;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RegisterCalls;
import io.stateside.proxy.testing.RegisterScenarios;
import io.stateside.proxy.testing.JavaRegister;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cassandra going away under a running proxy, on a node with password authentication, which the
 * proxy reaches with the credentials from CASSANDRA_USERNAME and CASSANDRA_PASSWORD.
 */
class CassandraOutageTest {

  private static final Logger log = LoggerFactory.getLogger(CassandraOutageTest.class);

  /** The client's deadline; every call must end before it, with a status of the proxy's choosing. */
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension
  static final CassandraExtension cassandra = new CassandraExtension(settings -> settings.withPasswordAuthentication(true));

  private static ActorSystem userSide;
  private CounterUserFunction userFunction;
  private StatesideProxy proxy;
  private CounterServiceClient client;

  @BeforeAll
  static void startUserSide() {
    userSide = ProxyHarness.userSideSystem();
  }

  @AfterAll
  static void stopUserSide() {
    userSide.terminate();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (client != null) {
      client.close().toCompletableFuture().join();
    }
    ProxyHarness.stop(proxy);
    if (userFunction != null) {
      userFunction.close();
    }
    cassandra.node().start(); // for the next test, whatever this one left
  }

  private void start(Map<String, String> env) {
    userFunction = CounterUserFunction.start(userSide);
    proxy = ProxyOnCassandra.start(env, userFunction.port());
    client = CounterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide)
            .withTls(false)
            .withDeadline(DEADLINE),
        userSide);
  }

  private Map<String, String> env(String keyspace, String password) {
    Map<String, String> env = ProxyOnCassandra.env(cassandra.node(), keyspace);
    env.put(CassandraEnvironment.USERNAME, "cassandra");
    env.put(CassandraEnvironment.PASSWORD, password);
    return env;
  }

  private long increase(String counter, long by) throws Exception {
    return call(() -> client.increase(IncreaseRequest.newBuilder().setCounterId(counter).setBy(by).build())
        .toCompletableFuture());
  }

  private long get(String counter) throws Exception {
    return call(() -> client.get(GetRequest.newBuilder().setCounterId(counter).build()).toCompletableFuture());
  }

  private static long call(java.util.function.Supplier<java.util.concurrent.CompletableFuture<io.stateside.example.counter.CounterValue>> call)
      throws Exception {
    // The client's own deadline ends every call; this outer wait only guards against a hung test.
    return call.get().get(DEADLINE.toSeconds() * 3, TimeUnit.SECONDS).getValue();
  }

  /** Waits until the entity can be read again, after Cassandra came back. */
  private void awaitServing(String counter) {
    Await.until(counter + " serves again", Duration.ofSeconds(90), () -> {
      try {
        get(counter);
        return true;
      } catch (Exception stillRecovering) {
        return false;
      }
    });
  }

  /** The call's gRPC status; the client's deadline would show as DEADLINE_EXCEEDED. */
  private Status.Code failureOf(ThrowingCall call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::run);
    assertTrue(e.getCause() instanceof StatusRuntimeException, "expected a gRPC status, got " + e.getCause());
    Status status = ((StatusRuntimeException) e.getCause()).getStatus();
    log.info("Call failed with {}: {}", status.getCode(), status.getDescription());
    return status.getCode();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void whileCassandraIsDownCallsFailWithUnavailableAndAfterItIsBackTheSameEntitiesContinue() throws Exception {
    Map<String, String> env = env("outage", "cassandra");
    start(env);
    Map<String, Long> values = new LinkedHashMap<>();
    for (String entity : List.of("a", "b", "c")) {
      for (int by = 1; by <= 3; by++) {
        values.put(entity, increase(entity, by));
      }
    }

    cassandra.node().stop(); // same data folder, same port when it comes back

    for (String entity : values.keySet()) {
      assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> increase(entity, 1000)),
          "a write to active entity " + entity);
    }
    assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> get("a")), "a read of an entity that must recover");
    assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> increase("new", 1)), "an entity that never ran");

    cassandra.node().start();

    awaitServing("a");
    for (Map.Entry<String, Long> entry : values.entrySet()) {
      assertEquals(entry.getValue(), get(entry.getKey()), "no failed write of " + entry.getKey() + " was kept");
      assertEquals(entry.getValue() + 10, increase(entry.getKey(), 10), entry.getKey() + " continues from its state");
    }
    assertEquals(1, increase("new", 1));
    assertEquals(List.of(1L, 2L, 3L, 10L), ProxyOnCassandra.journaledIncrements(proxy.system(), "counter|a"));
  }

  private void restartCassandra() {
    try {
      cassandra.node().start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aValueEntityGetsUnavailableWhileCassandraIsDownAndKeepsWhatWasAcknowledged() {
    try (JavaRegister register = JavaRegister.start()) {
      StatesideProxy valueProxy = ProxyOnCassandra.start(env("value_outage", "cassandra"), register.port());
      try (RegisterCalls calls = new RegisterCalls(valueProxy.httpPort(), userSide)) {
        RegisterScenarios.assertStoreOutageKeepsWhatWasAcknowledged(calls,
            () -> cassandra.node().stop(), this::restartCassandra);
      } finally {
        ProxyHarness.stop(valueProxy);
      }
    }
  }

  @Test
  void aHotEntityLosesNothingAcknowledgedWhenCassandraGoesAwayInTheMiddle() throws Exception {
    start(env("hot_outage", "cassandra"));
    HotEntityLoad load = HotEntityLoad.start(client, "hot", 64, 100_000);
    load.awaitAcknowledged(500);
    cassandra.node().stop();
    load.awaitFinished(); // each caller stops at its first failure
    log.info("Cassandra went away under a hot entity: {} increases acknowledged, {} in doubt",
        load.acknowledged(), load.inDoubt());

    cassandra.node().start();
    awaitServing("hot");
    load.assertNothingAcknowledgedLost(get("hot"));
  }

  /** Issue 18, case 7: a store the proxy cannot write stops its start, saying which and why. */
  @Test
  void wrongCredentialsStopTheStartWithAClearMessage() {
    userFunction = CounterUserFunction.start(userSide);
    Config config = ConfigFactory.parseMap(Map.of("stateside.proxy.store.check-timeout", "10s"))
        .withFallback(ProxyOnCassandra.config(env("wrong_password", "not-the-password"), userFunction.port()));
    CompletionException failure = assertThrows(CompletionException.class,
        () -> StatesideProxy.start(config).toCompletableFuture().join());
    assertTrue(failure.getCause().getMessage().startsWith("The journal (akka.persistence.cassandra.journal) cannot be written"),
        failure.getCause().getMessage());
  }
}
