package io.stateside.javasupport;

import static io.stateside.javasupport.StockEntity.level;
import static io.stateside.javasupport.StockEntity.stock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.DiscontinueRequest;
import io.stateside.javasupport.test.GetStockRequest;
import io.stateside.javasupport.test.MoveRequest;
import io.stateside.javasupport.test.ReceiveRequest;
import io.stateside.javasupport.test.ShipRequest;
import io.stateside.javasupport.test.StockLevel;
import io.stateside.javasupport.test.StockMisbehaveRequest;
import io.stateside.javasupport.test.StockMisbehaveRequest.How;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.valueentity.ValueEntityAction;
import io.stateside.protocol.valueentity.ValueEntityDelete;
import io.stateside.protocol.valueentity.ValueEntityInit;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.protocol.valueentity.ValueEntityUpdate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Value entities as the proxy sees them on the wire: state actions, answers, and protocol errors. */
class ValueEntityStreamTest {

  private static final String STOCK = StockEntity.SERVICE.getFullName();
  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  private static ValueStreamProbe product(String id) {
    return userFunction.openValueStream().init(STOCK, id);
  }

  private static Any any(com.google.protobuf.Message message) {
    return MessageType.pack(message);
  }

  private static ValueEntityAction update(com.google.protobuf.Message state) {
    return ValueEntityAction.newBuilder().setUpdate(ValueEntityUpdate.newBuilder().setValue(any(state))).build();
  }

  private static ValueEntityAction delete() {
    return ValueEntityAction.newBuilder().setDelete(ValueEntityDelete.getDefaultInstance()).build();
  }

  private static ValueEntityReply receive(ValueStreamProbe stream, long quantity) {
    return stream.command("Receive", ReceiveRequest.newBuilder().setQuantity(quantity).build());
  }

  @Test
  void aNewEntityStartsFromTheInitialStateAndAReplyStoresNothing() {
    ValueEntityReply reply = product("new").command("Get", GetStockRequest.getDefaultInstance());

    assertEquals(any(level(0)), reply.getClientAction().getReply().getPayload());
    assertFalse(reply.hasStateAction());
    assertEquals(0, reply.getSideEffectsCount());
  }

  @Test
  void anInitWithoutAnyStateMessageAlsoMeansNothingIsStored() {
    ValueStreamProbe stream = userFunction.openValueStream()
        .send(ValueEntityStreamIn.newBuilder()
            .setInit(ValueEntityInit.newBuilder().setServiceName(STOCK).setEntityId("bare"))
            .build());

    ValueEntityReply reply = stream.command("Get", GetStockRequest.getDefaultInstance());
    assertEquals(any(level(0)), reply.getClientAction().getReply().getPayload());
  }

  @Test
  void aSecondInitEndsTheStream() {
    ValueStreamProbe stream = product("twice").init(STOCK, "twice");

    assertEndsWith(stream, 0, "Received a second init for " + STOCK + " entity 'twice'");
  }

  @Test
  void theStoredStateIsTheStateOfTheFirstCommand() {
    ValueEntityReply reply = userFunction.openValueStream()
        .initWithState(STOCK, "stored", stock(7, "bob"))
        .command("Get", GetStockRequest.getDefaultInstance());

    assertEquals(any(level(7)), reply.getClientAction().getReply().getPayload());
  }

  @Test
  void anUpdateCarriesTheWholeNewStateAndTheNextCommandSeesIt() {
    ValueStreamProbe stream = product("update");

    ValueEntityReply first = receive(stream, 5);
    assertEquals(update(stock(5, "")), first.getStateAction());
    assertEquals(any(level(5)), first.getClientAction().getReply().getPayload());

    ValueEntityReply second = stream.command("Ship", ShipRequest.newBuilder().setQuantity(2).build());
    assertEquals(update(stock(3, "")), second.getStateAction());

    assertFalse(stream.command("Get", GetStockRequest.getDefaultInstance()).hasStateAction());
    assertEquals(any(level(3)), stream.command("Get", GetStockRequest.getDefaultInstance())
        .getClientAction().getReply().getPayload());
  }

  @Test
  void aDeleteIsSentWithTheReplyAndTheEntityGoesOnFromItsInitialState() {
    ValueStreamProbe stream = userFunction.openValueStream().initWithState(STOCK, "delete", stock(9, "carol"));

    ValueEntityReply deleted = stream.command("Discontinue", DiscontinueRequest.getDefaultInstance());
    assertEquals(delete(), deleted.getStateAction());
    assertEquals(any(Empty.getDefaultInstance()), deleted.getClientAction().getReply().getPayload());
    assertEquals(List.of(SideEffect.newBuilder()
            .setServiceName(StockEntity.AUDIT.getFullName())
            .setCommandName("Record")
            .setPayload(any(AuditRecord.newBuilder().setAccountId("delete").setAction("discontinued").setAmount(9).build()))
            .setSynchronous(true)
            .build()),
        deleted.getSideEffectsList());

    assertEquals(any(level(0)), stream.command("Get", GetStockRequest.getDefaultInstance())
        .getClientAction().getReply().getPayload());
  }

  @Test
  void aForwardCarriesTheStateChangeAndSideEffects() {
    ValueStreamProbe stream = userFunction.openValueStream().initWithState(STOCK, "move", stock(10, ""));

    ValueEntityReply reply = stream.command("Move", MoveRequest.newBuilder().setToProductId("other").setQuantity(4).build());

    assertEquals(update(stock(6, "")), reply.getStateAction());
    assertEquals(ClientAction.newBuilder().setForward(Forward.newBuilder()
            .setServiceName(STOCK)
            .setCommandName("Receive")
            .setPayload(any(ReceiveRequest.newBuilder().setProductId("other").setQuantity(4).build())))
            .build(),
        reply.getClientAction());
    assertEquals(1, reply.getSideEffectsCount());
    assertTrue(reply.getSideEffects(0).getSynchronous());
  }

  @Test
  void theCommandMetadataReachesTheHandler() {
    ValueStreamProbe stream = product("metadata");
    long id = stream.sendCommand("Receive", any(ReceiveRequest.newBuilder().setQuantity(1).build()),
        Metadata.newBuilder().addEntries(MetadataEntry.newBuilder().setKey("X-Receiver").setStringValue("dave")).build());

    assertEquals(update(stock(1, "dave")), stream.replyTo(id).getStateAction());
  }

  @Test
  void aFailureCarriesNothingAndKeepsTheState() {
    ValueStreamProbe stream = product("fail");
    receive(stream, 2);

    ValueEntityReply refused = stream.command("Ship", ShipRequest.newBuilder().setQuantity(5).build());
    assertEquals(ValueEntityReply.newBuilder()
            .setCommandId(refused.getCommandId())
            .setClientAction(ClientAction.newBuilder().setFailure(Failure.newBuilder()
                .setCommandId(refused.getCommandId()).setDescription("Insufficient stock: 2 left")))
            .build(),
        refused);

    assertEquals(any(level(2)), stream.command("Get", GetStockRequest.getDefaultInstance())
        .getClientAction().getReply().getPayload());
  }

  @Test
  void anExceptionInAHandlerFailsOnlyThatCommand() {
    ValueStreamProbe stream = product("throws");
    receive(stream, 3);

    for (How how : List.of(How.THROW, How.UPDATE_WITH_WRONG_TYPE, How.FORWARD_TO_OTHER_REPLY_TYPE)) {
      ValueEntityReply failed = stream.command("Misbehave", StockMisbehaveRequest.newBuilder().setHow(how).build());
      assertEquals(ClientAction.newBuilder().setFailure(Failure.newBuilder()
              .setCommandId(failed.getCommandId()).setDescription("Unexpected error in Misbehave")).build(),
          failed.getClientAction(), how.name());
      assertFalse(failed.hasStateAction(), how.name());
      assertEquals(0, failed.getSideEffectsCount(), how.name());
    }

    assertEquals(any(level(3)), stream.command("Get", GetStockRequest.getDefaultInstance())
        .getClientAction().getReply().getPayload());
  }

  @Test
  void commandsSentAheadAreAnsweredInOrder() {
    ValueStreamProbe stream = product("pipelined");
    Any one = any(ReceiveRequest.newBuilder().setQuantity(1).build());
    List<Long> ids = List.of(
        stream.sendCommand("Receive", one, Metadata.getDefaultInstance()),
        stream.sendCommand("Receive", one, Metadata.getDefaultInstance()),
        stream.sendCommand("Ship", any(ShipRequest.newBuilder().setQuantity(5).build()), Metadata.getDefaultInstance()),
        stream.sendCommand("Receive", one, Metadata.getDefaultInstance()));

    assertEquals(update(stock(1, "")), stream.replyTo(ids.get(0)).getStateAction());
    assertEquals(update(stock(2, "")), stream.replyTo(ids.get(1)).getStateAction());
    assertTrue(stream.replyTo(ids.get(2)).getClientAction().hasFailure());
    assertEquals(update(stock(3, "")), stream.replyTo(ids.get(3)).getStateAction());
    stream.close();
  }

  @Test
  void aPayloadOfTheWrongTypeIsRefusedWithoutRunningTheHandler() {
    ValueStreamProbe stream = product("wrong-type");
    long id = stream.sendCommand("Receive", any(StockLevel.getDefaultInstance()), Metadata.getDefaultInstance());

    assertEquals("Receive expects stateside.javasupport.test.ReceiveRequest, got "
            + "type.googleapis.com/stateside.javasupport.test.StockLevel",
        stream.replyTo(id).getClientAction().getFailure().getDescription());
  }

  private static void assertEndsWith(ValueStreamProbe stream, long commandId, String description) {
    ValueEntityStreamOut out = stream.next();
    assertTrue(out.hasFailure(), () -> "Expected a failure, got " + out);
    assertEquals(commandId, out.getFailure().getCommandId());
    assertEquals(description, out.getFailure().getDescription());
    stream.expectCompleted();
  }

  @Test
  void aCommandBeforeInitEndsTheStream() {
    ValueStreamProbe stream = userFunction.openValueStream();
    long id = stream.sendCommand("Get", any(GetStockRequest.getDefaultInstance()), Metadata.getDefaultInstance());

    assertEndsWith(stream, id, "Received command Get before init");
  }

  @Test
  void anInitForAnUnknownServiceEndsTheStream() {
    ValueStreamProbe stream = userFunction.openValueStream().init(AccountEntity.SERVICE.getFullName(), "x");

    ValueEntityStreamOut out = stream.next();
    assertTrue(out.getFailure().getDescription().startsWith(
        "This user function has no value entity for service " + AccountEntity.SERVICE.getFullName()), out.toString());
    stream.expectCompleted();
  }

  @Test
  void aStoredStateOfAnotherTypeEndsTheStream() {
    ValueStreamProbe stream = userFunction.openValueStream().initWithState(STOCK, "unreadable", level(1));

    assertEndsWith(stream, 0, "Could not read the stored state of " + STOCK + " entity 'unreadable' "
        + "(see the user function's log)");
  }
}
