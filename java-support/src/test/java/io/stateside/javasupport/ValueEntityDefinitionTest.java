package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.GetStockRequest;
import io.stateside.javasupport.test.ReceiveRequest;
import io.stateside.javasupport.test.Stock;
import io.stateside.javasupport.test.StockLevel;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A value entity's definition is checked like an event-sourced one, and describes itself for discovery. */
class ValueEntityDefinitionTest {

  private static ValueEntity.Builder<Stock> stock() {
    return ValueEntity.builder(StockEntity.SERVICE, "stock", Stock.getDefaultInstance());
  }

  @Test
  void everyServiceMethodNeedsAHandler() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> stock()
        .onCommand("Get", GetStockRequest.class, StockLevel.class, (s, c, x) -> ValueEffect.reply(StockLevel.getDefaultInstance()))
        .build());
    assertEquals("No command handler for Receive, Ship, Discontinue, Move, Misbehave of "
        + "stateside.javasupport.test.StockService", e.getMessage());
  }

  @Test
  void aHandlerMustNameAnExistingMethodWithItsRequestAndReplyTypes() {
    assertEquals("stateside.javasupport.test.StockService has no method Recieve; it has "
            + "Receive, Ship, Get, Discontinue, Move, Misbehave",
        assertThrows(IllegalArgumentException.class, () -> stock().onCommand("Recieve", ReceiveRequest.class,
            StockLevel.class, (s, c, x) -> ValueEffect.reply(StockLevel.getDefaultInstance()))).getMessage());
    assertEquals("Get returns stateside.javasupport.test.StockLevel, not google.protobuf.Empty",
        assertThrows(IllegalArgumentException.class, () -> stock().onCommand("Get", GetStockRequest.class,
            Empty.class, (s, c, x) -> ValueEffect.reply(Empty.getDefaultInstance()))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> stock()
        .onCommand("Get", GetStockRequest.class, StockLevel.class, (s, c, x) -> ValueEffect.reply(StockLevel.getDefaultInstance()))
        .onCommand("Get", GetStockRequest.class, StockLevel.class, (s, c, x) -> ValueEffect.reply(StockLevel.getDefaultInstance())));
  }

  @Test
  void thePassivationTimeoutAndPersistenceIdAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> stock().passivationTimeout(Duration.ofNanos(10)));
    assertThrows(IllegalArgumentException.class,
        () -> ValueEntity.builder(StockEntity.SERVICE, "", Stock.getDefaultInstance()));
  }

  @Test
  void itsDiscoveryEntryNamesTheValueEntityProtocol() {
    assertEquals(Entity.newBuilder()
            .setEntityType(io.stateside.protocol.valueentity.ValueEntity.name)
            .setServiceName("stateside.javasupport.test.StockService")
            .setPersistenceId(StockEntity.PERSISTENCE_ID)
            .setPassivationStrategy(EntityPassivationStrategy.newBuilder()
                .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(StockEntity.PASSIVATION.toMillis())))
            .build(),
        StockEntity.definition().discoveryEntry());
    assertEquals("cloudstate.valueentity.ValueEntity", StockEntity.definition().entityType());
    assertEquals("cloudstate.eventsourced.EventSourced", AccountEntity.definition().entityType());
  }

  @Test
  void aServiceCallIsTypedByItsTargetMethod() {
    assertEquals("stateside.javasupport.test.AuditService.Record takes stateside.javasupport.test.AuditRecord, "
            + "not stateside.javasupport.test.Stock",
        assertThrows(IllegalArgumentException.class, () -> ServiceCall.of(
            StockEntity.AUDIT.findMethodByName("Record"), Stock.getDefaultInstance())).getMessage());
    ServiceCall call = ServiceCall.of(StockEntity.AUDIT.findMethodByName("Record"), AuditRecord.getDefaultInstance());
    assertEquals(ServiceCall.of(StockEntity.AUDIT, "Record", AuditRecord.getDefaultInstance()), call);
    assertEquals("google.protobuf.Empty", call.method().getOutputType().getFullName());
  }

  @Test
  void effectsCanBeInspectedInUnitTestsOfHandlers() {
    ValueEffect.Success<StockLevel> effect = ValueEffect.update(StockEntity.stock(4, "")).thenReply(StockEntity.level(4));
    assertEquals(new ValueEffect.StateChange.Updated(StockEntity.stock(4, "")), effect.stateChange());
    assertEquals(StockEntity.level(4), effect.replyMessage().orElseThrow());

    assertEquals(ValueEffect.StateChange.DELETED, ValueEffect.delete().thenReply(Empty.getDefaultInstance()).stateChange());
    assertEquals(ValueEffect.StateChange.UNCHANGED, ValueEffect.reply(Empty.getDefaultInstance()).stateChange());
    assertEquals("Not today", ValueEffect.<Empty>fail("Not today").description());
  }
}
