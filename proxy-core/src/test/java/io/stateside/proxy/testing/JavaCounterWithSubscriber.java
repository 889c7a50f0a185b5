package io.stateside.proxy.testing;

import com.google.protobuf.Empty;
import io.stateside.example.counter.CounterProto;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.Increased;
import io.stateside.example.counterevents.CounterEventsProto;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counter of {@code stateside.example.counter} (persistence id "counter") and the subscriber
 * of its event log ({@code stateside.example.counterevents}), written with the Java support
 * library and served on a free loopback port. The subscriber records every event it gets.
 */
public final class JavaCounterWithSubscriber implements AutoCloseable {

  /** An event as the subscriber got it: the counter (ce-subject), its number (ce-sequence), its amount. */
  public record Received(String counterId, long sequence, long by, String id) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final UserFunctionServer server;

  public JavaCounterWithSubscriber(int port) {
    this.server = UserFunction.builder()
        .serviceName("counter-with-subscriber")
        .host("127.0.0.1")
        .port(port)
        .register(counter())
        .register(subscriber())
        .build()
        .start()
        .toCompletableFuture()
        .join();
  }

  private static EventSourcedEntity<Long> counter() {
    return EventSourcedEntity.builder(CounterProto.getDescriptor().findServiceByName("CounterService"), "counter", 0L)
        .onCommand("Increase", IncreaseRequest.class, CounterValue.class, (value, increase, context) ->
            Effect.emit(Increased.newBuilder().setBy(increase.getBy()).build())
                .thenReply(CounterValue.newBuilder().setValue(value + increase.getBy()).build()))
        .onCommand("Get", GetRequest.class, CounterValue.class, (value, get, context) ->
            Effect.reply(CounterValue.newBuilder().setValue(value).build()))
        .onEvent(Increased.class, (value, increased) -> value + increased.getBy())
        .build();
  }

  private Action subscriber() {
    return Action.builder(CounterEventsProto.getDescriptor().findServiceByName("CounterEvents"))
        .onUnary("OnIncreased", Increased.class, Empty.class, (increased, context) -> {
          received.add(new Received(
              context.metadata().get("ce-subject").orElse(""),
              Long.parseLong(context.metadata().get("ce-sequence").orElse("0")),
              increased.getBy(),
              context.metadata().get("ce-id").orElse("")));
          return ActionEffect.reply(Empty.getDefaultInstance());
        })
        .build();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop().toCompletableFuture().join();
  }
}
