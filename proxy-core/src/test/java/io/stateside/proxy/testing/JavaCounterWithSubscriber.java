package io.stateside.proxy.testing;

import com.google.protobuf.Empty;
import io.stateside.example.counter.CounterProto;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.Increased;
import io.stateside.example.counterevents.CounterEventsProto;
import io.stateside.example.counterevents.NothingAdded;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counter of {@code stateside.example.counter} (persistence id "counter") and the subscribers
 * of its event log ({@code stateside.example.counterevents}), written with the Java support
 * library and served on a loopback port. The counter records an increase by 0 as
 * {@code NothingAdded}, which no subscriber takes. The subscribers record every event they take,
 * and {@code CounterEvents} may refuse some (a failure reply), as {@link Options} says.
 */
public final class JavaCounterWithSubscriber implements AutoCloseable {

  /** An event as a subscriber got it: the counter (ce-subject), its number (ce-sequence), its amount, ce-id. */
  public record Received(String counterId, long sequence, long by, String id) {}

  /** Whether {@code CounterEvents} refuses an event, at its {@code attempt}-th delivery (from 1). */
  @FunctionalInterface
  public interface Refusal {
    boolean refuses(Received event, int attempt);
  }

  /**
   * @param port the port to serve on (0: a free one)
   * @param refusal which deliveries {@code CounterEvents} refuses
   * @param audit whether the second consumer group, {@code CounterAudit}, is served too
   */
  public record Options(int port, Refusal refusal, boolean audit) {

    public static Options onPort(int port) {
      return new Options(port, (event, attempt) -> false, false);
    }

    public Options refusing(Refusal refusal) {
      return new Options(port, refusal, audit);
    }

    public Options withAudit() {
      return new Options(port, refusal, true);
    }
  }

  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Received> refused = Collections.synchronizedList(new ArrayList<>());
  private final List<Received> audited = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Refusal refusal;
  private final UserFunctionServer server;

  public JavaCounterWithSubscriber(int port) {
    this(Options.onPort(port));
  }

  public JavaCounterWithSubscriber(Options options) {
    this.refusal = options.refusal();
    UserFunction.Builder builder = UserFunction.builder()
        .serviceName("counter-with-subscriber")
        .host("127.0.0.1")
        .port(options.port())
        .register(counter())
        .register(subscriber());
    if (options.audit()) {
      builder.register(audit());
    }
    this.server = builder.build().start().toCompletableFuture().join();
  }

  private static EventSourcedEntity<Long> counter() {
    return EventSourcedEntity.builder(CounterProto.getDescriptor().findServiceByName("CounterService"), "counter", 0L)
        .onCommand("Increase", IncreaseRequest.class, CounterValue.class, (value, increase, context) ->
            increase.getBy() == 0
                ? Effect.emit(NothingAdded.getDefaultInstance()).thenReply(CounterValue.newBuilder().setValue(value).build())
                : Effect.emit(Increased.newBuilder().setBy(increase.getBy()).build())
                    .thenReply(CounterValue.newBuilder().setValue(value + increase.getBy()).build()))
        .onCommand("Get", GetRequest.class, CounterValue.class, (value, get, context) ->
            Effect.reply(CounterValue.newBuilder().setValue(value).build()))
        .onEvent(Increased.class, (value, increased) -> value + increased.getBy())
        .onEvent(NothingAdded.class, (value, nothing) -> value)
        .build();
  }

  private Action subscriber() {
    return Action.builder(CounterEventsProto.getDescriptor().findServiceByName("CounterEvents"))
        .onUnary("OnIncreased", Increased.class, Empty.class, (increased, context) -> {
          Received event = received(increased, context);
          int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
          if (refusal.refuses(event, attempt)) {
            refused.add(event);
            return ActionEffect.fail("refused " + event.id() + " at attempt " + attempt);
          }
          received.add(event);
          return ActionEffect.reply(Empty.getDefaultInstance());
        })
        .build();
  }

  private Action audit() {
    return Action.builder(CounterEventsProto.getDescriptor().findServiceByName("CounterAudit"))
        .onUnary("AuditIncreased", Increased.class, Empty.class, (increased, context) -> {
          audited.add(received(increased, context));
          return ActionEffect.reply(Empty.getDefaultInstance());
        })
        .build();
  }

  private static Received received(Increased increased, ActionContext context) {
    return new Received(
        context.metadata().get("ce-subject").orElse(""),
        Long.parseLong(context.metadata().get("ce-sequence").orElse("0")),
        increased.getBy(),
        context.metadata().get("ce-id").orElse(""));
  }

  /** The events {@code CounterEvents} took, in the order they came. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public int receivedCount() {
    return received.size();
  }

  /** The deliveries {@code CounterEvents} refused, in the order they came. */
  public List<Received> refused() {
    synchronized (refused) {
      return List.copyOf(refused);
    }
  }

  /** The events {@code CounterAudit} took, in the order they came. */
  public List<Received> audited() {
    synchronized (audited) {
      return List.copyOf(audited);
    }
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop().toCompletableFuture().join();
  }
}
