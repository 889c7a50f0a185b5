package io.stateside.bench.userfunction;

import com.google.protobuf.Empty;
import io.stateside.bench.protocol.BenchEventsProto;
import io.stateside.bench.protocol.DeliveredReply;
import io.stateside.bench.protocol.DeliveredRequest;
import io.stateside.bench.protocol.Increased;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionEffect;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The eventing scenario's subscriber: takes every event of EventCounter's log and only counts it,
 * with the time of the first and of the latest, so that the numbers show the proxy's delivery.
 */
public final class EventSubscriber {

  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong firstMillis = new AtomicLong();
  private final AtomicLong lastMillis = new AtomicLong();

  public Action action() {
    return Action.builder(BenchEventsProto.getDescriptor().findServiceByName("BenchEvents"))
        .onUnary("OnIncreased", Increased.class, Empty.class, (event, context) -> {
          long now = System.currentTimeMillis();
          firstMillis.compareAndSet(0, now);
          lastMillis.accumulateAndGet(now, Math::max);
          deliveries.incrementAndGet();
          return ActionEffect.reply(Empty.getDefaultInstance());
        })
        .onUnary("Delivered", DeliveredRequest.class, DeliveredReply.class, (request, context) -> {
          DeliveredReply reply = DeliveredReply.newBuilder()
              .setDeliveries(deliveries.get())
              .setFirstMillis(firstMillis.get())
              .setLastMillis(lastMillis.get())
              .build();
          if (request.getReset()) {
            deliveries.set(0);
            firstMillis.set(0);
            lastMillis.set(0);
          }
          return ActionEffect.reply(reply);
        })
        .build();
  }
}
