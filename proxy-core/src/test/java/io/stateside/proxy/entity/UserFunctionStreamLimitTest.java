package io.stateside.proxy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user function whose server takes only a few streams per connection still serves many more
 * active entities at once: the proxy opens another connection when one is full, instead of
 * leaving the extra entities' streams to wait until some entity passivates.
 */
class UserFunctionStreamLimitTest {

  private static final int STREAM_LIMIT = 8;
  private static final int ENTITIES = 30;

  private static ActorSystem userSide;
  private static CounterUserFunction userFunction;
  private static StatesideProxy proxy;
  private static CounterServiceClient client;

  @BeforeAll
  static void start() {
    userSide = ActorSystem.create("user-side", ProxyHarness.config(0, Map.of(
        "akka.actor.provider", "local",
        "akka.http.server.idle-timeout", "infinite",
        "akka.http.server.http2.max-concurrent-streams", STREAM_LIMIT)));
    userFunction = CounterUserFunction.start(userSide);
    // Entities stay active for the whole test: a stream waiting for a free one would wait it out.
    proxy = ProxyHarness.start(userFunction.port(), Map.of(
        "stateside.proxy.user-function-streams-per-connection", STREAM_LIMIT,
        "stateside.proxy.passivation-timeout", "5m"));
    client = ProxyHarness.counterClient(proxy, userSide);
  }

  @AfterAll
  static void stop() {
    client.close();
    ProxyHarness.stop(proxy);
    userFunction.close();
    userSide.terminate();
  }

  @Test
  void moreActiveEntitiesThanOneConnectionTakesAreAllServed() {
    List<CompletableFuture<CounterValue>> answers = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      answers.add(client.increase(IncreaseRequest.newBuilder().setCounterId("limited-" + i).setBy(i + 1).build())
          .toCompletableFuture());
    }
    for (int i = 0; i < ENTITIES; i++) {
      assertEquals(i + 1, answers.get(i).join().getValue(), "entity limited-" + i);
    }
    for (int i = 0; i < ENTITIES; i++) {
      assertEquals(1, userFunction.streamsOpened("limited-" + i), "one stream for entity limited-" + i);
    }
  }
}
