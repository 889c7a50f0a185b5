package io.stateside.proxy.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.protocol.Entity;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery against a real user function: waiting for it, and refusing a bad spec. */
class DiscoveryTest {

  private static ActorSystem userSide;

  @BeforeAll
  static void start() {
    userSide = ProxyHarness.userSideSystem();
  }

  @AfterAll
  static void stop() {
    userSide.terminate();
  }

  @Test
  void refusedSpecIsReportedToTheUserFunctionAndStopsTheProxy() {
    CounterUserFunction userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults()
        .withSpec(spec -> spec.toBuilder()
            .addEntities(Entity.newBuilder().setEntityType("cloudstate.function.StatelessFunction")
                .setServiceName("stateside.example.counter.CounterService2").setPersistenceId("x"))
            .build()));
    try {
      CompletionException failure = assertThrows(CompletionException.class,
          () -> ProxyHarness.start(userFunction.port()));

      assertTrue(failure.getCause() instanceof UserFunctionDiscovery.DiscoveryFailed);
      assertEquals(1, userFunction.reportedErrors().size());
      String report = userFunction.reportedErrors().get(0);
      assertTrue(report.contains("unknown entity type 'cloudstate.function.StatelessFunction'"), report);
      assertTrue(report.contains("cloudstate.eventsourced.EventSourced"), "names the supported types: " + report);
    } finally {
      userFunction.close();
    }
  }

  @Test
  void proxyWaitsForAUserFunctionThatStartsLater() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CompletionStage<StatesideProxy> starting = StatesideProxy.start(ProxyHarness.config(port, Map.of()));
    Thread.sleep(500); // let a few discovery attempts fail first
    try (CounterUserFunction late = CounterUserFunction.startOn(userSide, port)) {
      StatesideProxy proxy = starting.toCompletableFuture().join();
      try {
        var client = ProxyHarness.counterClient(proxy, userSide);
        assertEquals(3, client.increase(IncreaseRequest.newBuilder().setCounterId("late").setBy(3).build())
            .toCompletableFuture().join().getValue());
        client.close();
      } finally {
        ProxyHarness.stop(proxy);
      }
    }
  }
}
