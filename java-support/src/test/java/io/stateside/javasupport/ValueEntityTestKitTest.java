package io.stateside.javasupport;

import static io.stateside.javasupport.StockEntity.level;
import static io.stateside.javasupport.StockEntity.stock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.DiscontinueRequest;
import io.stateside.javasupport.test.GetStockRequest;
import io.stateside.javasupport.test.MoveRequest;
import io.stateside.javasupport.test.ReceiveRequest;
import io.stateside.javasupport.test.ShipRequest;
import io.stateside.javasupport.test.Stock;
import io.stateside.javasupport.test.StockMisbehaveRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value-entity test kit shows state, reply, forward, side effects and failures without a proxy. */
class ValueEntityTestKitTest {

  private static ValueEntityTestKit<Stock> product(String id) {
    return ValueEntityTestKit.of(StockEntity.definition(), id);
  }

  @Test
  void aNewEntityHasTheInitialStateAndStateCarriesOverBetweenCommands() {
    ValueEntityTestKit<Stock> kit = product("p1");
    assertEquals(Stock.getDefaultInstance(), kit.state());

    ValueEntityTestKit.Result received = kit.handle("Receive", ReceiveRequest.newBuilder().setQuantity(5).build());
    assertEquals(new ValueEntityTestKit.Result(Optional.of(level(5)), Optional.empty(), List.of(),
        new ValueEffect.StateChange.Updated(stock(5, "")), Optional.empty()), received);
    assertEquals(stock(5, ""), kit.state());

    kit.handle("Ship", ShipRequest.newBuilder().setQuantity(2).build());
    assertEquals(Optional.of(level(3)), kit.handle("Get", GetStockRequest.getDefaultInstance()).reply());
    assertEquals(ValueEffect.StateChange.UNCHANGED, kit.handle("Get", GetStockRequest.getDefaultInstance()).stateChange());
  }

  @Test
  void anEntityCanStartFromAStoredState() {
    ValueEntityTestKit<Stock> kit = ValueEntityTestKit.of(StockEntity.definition(), "p2", stock(8, "erin"));

    assertEquals(stock(8, "erin"), kit.state());
    assertEquals(Optional.of(level(8)), kit.handle("Get", GetStockRequest.getDefaultInstance()).reply());
  }

  @Test
  void aDeleteGoesBackToTheInitialStateWithItsSideEffect() {
    ValueEntityTestKit<Stock> kit = ValueEntityTestKit.of(StockEntity.definition(), "p3", stock(8, "erin"));

    ValueEntityTestKit.Result deleted = kit.handle("Discontinue", DiscontinueRequest.getDefaultInstance());

    assertEquals(ValueEffect.StateChange.DELETED, deleted.stateChange());
    assertEquals(Optional.of(Empty.getDefaultInstance()), deleted.reply());
    assertEquals(List.of(SideEffect.synchronous(ServiceCall.of(StockEntity.AUDIT, "Record",
        AuditRecord.newBuilder().setAccountId("p3").setAction("discontinued").setAmount(8).build()))), deleted.sideEffects());
    assertEquals(Stock.getDefaultInstance(), kit.state());
  }

  @Test
  void aForwardIsShownAsTheCallTheClientIsHandedTo() {
    ValueEntityTestKit<Stock> kit = ValueEntityTestKit.of(StockEntity.definition(), "p4", stock(10, ""));

    ValueEntityTestKit.Result moved = kit.handle("Move", MoveRequest.newBuilder().setToProductId("p5").setQuantity(4).build());

    assertEquals(Optional.empty(), moved.reply());
    assertEquals(Optional.of(ServiceCall.of(StockEntity.SERVICE, "Receive",
        ReceiveRequest.newBuilder().setProductId("p5").setQuantity(4).build())), moved.forward());
    assertEquals(stock(6, ""), kit.state());
  }

  @Test
  void failuresAndExceptionsLeaveTheStateAsItWas() {
    ValueEntityTestKit<Stock> kit = ValueEntityTestKit.of(StockEntity.definition(), "p6", stock(1, ""));

    assertEquals(Optional.of("Insufficient stock: 1 left"),
        kit.handle("Ship", ShipRequest.newBuilder().setQuantity(2).build()).failure());
    ValueEntityTestKit.Result threw = kit.handle("Misbehave",
        StockMisbehaveRequest.newBuilder().setHow(StockMisbehaveRequest.How.UPDATE_WITH_WRONG_TYPE).build());
    assertEquals(new ValueEntityTestKit.Result(Optional.empty(), Optional.empty(), List.of(),
        ValueEffect.StateChange.UNCHANGED, Optional.of("Unexpected error in Misbehave")), threw);
    assertEquals(stock(1, ""), kit.state());
  }

  @Test
  void metadataReachesTheHandler() {
    ValueEntityTestKit<Stock> kit = product("p7");

    kit.handle("Receive", ReceiveRequest.newBuilder().setQuantity(1).build(),
        Metadata.of(Map.of(StockEntity.RECEIVER_HEADER, "frank")));

    assertEquals("frank", kit.state().getLastReceiver());
  }
}
