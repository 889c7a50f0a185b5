package io.stateside.proxy.eventing.kafka;

import io.stateside.example.ordertopics.OrderConfirmed;
import io.stateside.example.ordertopics.OrderPlaced;
import io.stateside.example.ordertopics.OrderTopicsProto;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Metadata;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The order-confirming action of {@code stateside.example.ordertopics}, written with the Java
 * support library and served on a free loopback port. It records each order it gets with the
 * CloudEvent metadata that came with it, and confirms it, naming the event it answers in the
 * reply's {@code ce-inputid} attribute. An order of customer {@value #HOLD} is held until
 * {@link #release()}, for tests of what happens while the user function works on a message.
 */
final class OrderConfirmationsFunction implements AutoCloseable {

  static final String HOLD = "hold";

  /** The metadata entries recorded with each order. */
  static final List<String> CLOUD_EVENT_METADATA = List.of(
      "ce-id", "ce-source", "ce-specversion", "ce-type", "ce-subject", "ce-time", "ce-channel", "Content-Type");

  /** An order as the action got it, and the CloudEvent metadata it came with. */
  record Received(OrderPlaced order, Map<String, String> metadata) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final UserFunctionServer server;

  OrderConfirmationsFunction() {
    Action confirmations = Action.builder(OrderTopicsProto.getDescriptor().findServiceByName("OrderConfirmations"))
        .onUnary("Confirm", OrderPlaced.class, OrderConfirmed.class, (order, context) -> {
          Map<String, String> metadata = new LinkedHashMap<>();
          CLOUD_EVENT_METADATA.forEach(key -> context.metadata().get(key).ifPresent(value -> metadata.put(key, value)));
          received.add(new Received(order, metadata));
          if (order.getCustomer().equals(HOLD)) {
            awaitRelease();
          }
          OrderConfirmed confirmed = OrderConfirmed.newBuilder()
              .setOrderId(order.getOrderId())
              .setCustomer(order.getCustomer())
              .setSequence(order.getSequence())
              .build();
          return ActionEffect.reply(confirmed, Metadata.empty().with("ce-inputid", metadata.getOrDefault("ce-id", "")));
        })
        .build();
    this.server = UserFunction.builder()
        .serviceName("order-confirmations")
        .host("127.0.0.1")
        .port(0)
        .register(confirmations)
        .build()
        .start()
        .toCompletableFuture()
        .join();
  }

  /** Blocks the handler's thread: a test user function may, to keep one message under way. */
  private void awaitRelease() {
    holding.countDown();
    try {
      if (!released.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the held order was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  boolean isHolding() {
    return holding.getCount() == 0;
  }

  void release() {
    released.countDown();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    release();
    server.stop().toCompletableFuture().join();
  }
}
