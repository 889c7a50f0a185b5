package io.stateside.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.CounterValue;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Reply;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forwards and side effects are carried out by the proxy, against the user's own services. */
class ForwardAndSideEffectTest {

  private static ProxyFixture fixture;
  private static CounterServiceClient client;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start();
    client = fixture.client();
    fixture.userFunction().behave(context -> switch (context.entityId()) {
      case "forwarder" -> Optional.of(answer(context.id(), ClientAction.newBuilder().setForward(Forward.newBuilder()
          .setServiceName(CounterUserFunction.SERVICE)
          .setCommandName("Get")
          .setPayload(CounterUserFunction.pack(GetRequest.newBuilder().setCounterId("forward-target").build())))
          .build(), null));
      case "sync-effector" -> Optional.of(answer(context.id(), valueReply(-1), effect("sync-target", true)));
      case "async-effector" -> Optional.of(answer(context.id(), valueReply(-2), effect("async-target", false)));
      default -> Optional.empty();
    });
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static EventSourcedStreamOut answer(long commandId, ClientAction action, SideEffect effect) {
    EventSourcedReply.Builder reply = EventSourcedReply.newBuilder().setCommandId(commandId).setClientAction(action);
    if (effect != null) {
      reply.addSideEffects(effect);
    }
    return EventSourcedStreamOut.newBuilder().setReply(reply).build();
  }

  private static ClientAction valueReply(long value) {
    return ClientAction.newBuilder().setReply(Reply.newBuilder()
        .setPayload(CounterUserFunction.pack(CounterValue.newBuilder().setValue(value).build()))).build();
  }

  private static SideEffect effect(String target, boolean synchronous) {
    return SideEffect.newBuilder()
        .setServiceName(CounterUserFunction.SERVICE)
        .setCommandName("Increase")
        .setPayload(CounterUserFunction.pack(IncreaseRequest.newBuilder().setCounterId(target).setBy(5).build()))
        .setSynchronous(synchronous)
        .build();
  }

  private static long increase(String counter) {
    return client.increase(IncreaseRequest.newBuilder().setCounterId(counter).setBy(1).build())
        .toCompletableFuture().join().getValue();
  }

  private static long get(String counter) {
    return client.get(GetRequest.newBuilder().setCounterId(counter).build()).toCompletableFuture().join().getValue();
  }

  @Test
  void forwardAnswersWithTheTargetsReply() {
    increase("forward-target");
    increase("forward-target");
    assertEquals(2, increase("forwarder"));
  }

  @Test
  void synchronousSideEffectIsDoneBeforeTheReply() {
    assertEquals(-1, increase("sync-effector"));
    assertEquals(5, get("sync-target"));
  }

  @Test
  void asynchronousSideEffectIsDoneAfterTheReply() {
    assertEquals(-2, increase("async-effector"));
    Await.until("the asynchronous side effect reached its entity", () -> get("async-target") == 5);
  }
}
