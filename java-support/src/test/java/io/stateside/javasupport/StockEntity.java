package io.stateside.javasupport;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AuditProto;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.DiscontinueRequest;
import io.stateside.javasupport.test.GetStockRequest;
import io.stateside.javasupport.test.MoveRequest;
import io.stateside.javasupport.test.ReceiveRequest;
import io.stateside.javasupport.test.ShipRequest;
import io.stateside.javasupport.test.Stock;
import io.stateside.javasupport.test.StockLevel;
import io.stateside.javasupport.test.StockMisbehaveRequest;
import io.stateside.javasupport.test.StockProto;
import java.time.Duration;

/** The test value entity: a product's stock, whose commands use every kind of value effect. */
final class StockEntity {

  static final ServiceDescriptor SERVICE = StockProto.getDescriptor().findServiceByName("StockService");
  static final ServiceDescriptor AUDIT = AuditProto.getDescriptor().findServiceByName("AuditService");
  static final String PERSISTENCE_ID = "stock";
  static final Duration PASSIVATION = Duration.ofSeconds(30);
  static final long LARGE_DELIVERY = 1000;
  static final String RECEIVER_HEADER = "x-receiver";

  private StockEntity() {}

  static ValueEntity<Stock> definition() {
    return ValueEntity.builder(SERVICE, PERSISTENCE_ID, Stock.getDefaultInstance())
        .onCommand("Receive", ReceiveRequest.class, StockLevel.class, StockEntity::receive)
        .onCommand("Ship", ShipRequest.class, StockLevel.class, StockEntity::ship)
        .onCommand("Get", GetStockRequest.class, StockLevel.class,
            (stock, request, context) -> ValueEffect.reply(level(stock.getQuantity())))
        .onCommand("Discontinue", DiscontinueRequest.class, Empty.class, StockEntity::discontinue)
        .onCommand("Move", MoveRequest.class, StockLevel.class, StockEntity::move)
        .onCommand("Misbehave", StockMisbehaveRequest.class, StockLevel.class, StockEntity::misbehave)
        .passivationTimeout(PASSIVATION)
        .build();
  }

  static StockLevel level(long quantity) {
    return StockLevel.newBuilder().setQuantity(quantity).build();
  }

  static Stock stock(long quantity, String lastReceiver) {
    return Stock.newBuilder().setQuantity(quantity).setLastReceiver(lastReceiver).build();
  }

  private static ValueEffect<StockLevel> receive(Stock stock, ReceiveRequest request, CommandContext context) {
    if (request.getQuantity() <= 0) {
      return ValueEffect.fail("A delivery must be positive");
    }
    long quantity = stock.getQuantity() + request.getQuantity();
    String receiver = context.metadata().get(RECEIVER_HEADER).orElse("");
    ValueEffect.Success<StockLevel> effect = ValueEffect.update(stock(quantity, receiver)).thenReply(level(quantity));
    return request.getQuantity() >= LARGE_DELIVERY
        ? effect.withSideEffects(SideEffect.asynchronous(audit(context, "large delivery", request.getQuantity())))
        : effect;
  }

  private static ValueEffect<StockLevel> ship(Stock stock, ShipRequest request, CommandContext context) {
    if (request.getQuantity() > stock.getQuantity()) {
      return ValueEffect.fail("Insufficient stock: " + stock.getQuantity() + " left");
    }
    long quantity = stock.getQuantity() - request.getQuantity();
    return ValueEffect.update(stock.toBuilder().setQuantity(quantity).build()).thenReply(level(quantity));
  }

  private static ValueEffect<Empty> discontinue(Stock stock, DiscontinueRequest request, CommandContext context) {
    return ValueEffect.delete().<Empty>thenReply(Empty.getDefaultInstance())
        .withSideEffects(SideEffect.synchronous(audit(context, "discontinued", stock.getQuantity())));
  }

  /** Ships here, then hands the caller over to a delivery of the other product. */
  private static ValueEffect<StockLevel> move(Stock stock, MoveRequest request, CommandContext context) {
    if (request.getQuantity() > stock.getQuantity()) {
      return ValueEffect.fail("Insufficient stock: " + stock.getQuantity() + " left");
    }
    ServiceCall receive = ServiceCall.of(SERVICE.findMethodByName("Receive"), ReceiveRequest.newBuilder()
        .setProductId(request.getToProductId()).setQuantity(request.getQuantity()).build());
    return ValueEffect.update(stock.toBuilder().setQuantity(stock.getQuantity() - request.getQuantity()).build())
        .<StockLevel>thenForward(receive)
        .withSideEffects(SideEffect.synchronous(audit(context, "move", request.getQuantity())));
  }

  private static ValueEffect<StockLevel> misbehave(Stock stock, StockMisbehaveRequest request, CommandContext context) {
    return switch (request.getHow()) {
      case THROW -> throw new IllegalStateException("command handler failed on purpose");
      case UPDATE_WITH_WRONG_TYPE -> ValueEffect.update(level(99)).thenReply(level(99));
      case FORWARD_TO_OTHER_REPLY_TYPE -> ValueEffect.update(stock(99, "")).thenForward(audit(context, "misbehave", 0));
      case UNRECOGNIZED -> ValueEffect.fail("Unknown misbehaviour");
    };
  }

  private static ServiceCall audit(CommandContext context, String action, long quantity) {
    return ServiceCall.of(AUDIT.findMethodByName("Record"), AuditRecord.newBuilder()
        .setAccountId(context.entityId()).setAction(action).setAmount(quantity).build());
  }
}
