package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stateside.javasupport.test.ChangeRequest;
import io.stateside.javasupport.test.View;
import io.stateside.javasupport.test.WatchRequest;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A CRDT entity's definition is checked against its service, call shapes included, and describes itself for discovery. */
class CrdtEntityDefinitionTest {

  private static final View VIEW = View.getDefaultInstance();

  private static CrdtEntity.Builder replicated() {
    return CrdtEntity.builder(ReplicatedEntity.SERVICE);
  }

  @Test
  void everyServiceMethodNeedsAHandler() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> replicated()
        .onCommand("Change", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW))
        .build());
    assertEquals("No command handler for Watch of stateside.javasupport.test.ReplicatedService", e.getMessage());
  }

  @Test
  void unaryAndStreamedMethodsEachHaveTheirOwnBuilderMethod() {
    assertEquals("Watch is server-streaming; a CRDT entity handles unary methods with onCommand and "
            + "server-streaming ones with onStreamedCommand",
        assertThrows(IllegalArgumentException.class, () -> replicated()
            .onCommand("Watch", WatchRequest.class, View.class, (watch, context) -> ActionEffect.reply(VIEW)))
            .getMessage());
    assertEquals("Change is unary; a CRDT entity handles unary methods with onCommand and "
            + "server-streaming ones with onStreamedCommand",
        assertThrows(IllegalArgumentException.class, () -> replicated()
            .onStreamedCommand("Change", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW)))
            .getMessage());
  }

  @Test
  void aHandlerMustNameAnExistingMethodWithItsTypesOnce() {
    assertEquals("stateside.javasupport.test.ReplicatedService has no method Chnage; it has Change, Watch",
        assertThrows(IllegalArgumentException.class, () -> replicated()
            .onCommand("Chnage", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW)))
            .getMessage());
    assertEquals("Change takes stateside.javasupport.test.ChangeRequest, not stateside.javasupport.test.WatchRequest",
        assertThrows(IllegalArgumentException.class, () -> replicated()
            .onCommand("Change", WatchRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> replicated()
        .onCommand("Change", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW))
        .onCommand("Change", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW)));
  }

  @Test
  void thePassivationTimeoutAndPersistenceIdAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> replicated().passivationTimeout(Duration.ofNanos(10)));
    assertThrows(IllegalArgumentException.class, () -> replicated().persistenceId(" "));
  }

  @Test
  void itsDiscoveryEntryNamesTheCrdtProtocolWithTheServicesNameAsDefaultPersistenceId() {
    CrdtEntity.Builder complete = replicated()
        .onCommand("Change", ChangeRequest.class, View.class, (change, context) -> ActionEffect.reply(VIEW))
        .onStreamedCommand("Watch", WatchRequest.class, View.class, (watch, context) -> ActionEffect.noReply());

    assertEquals(Entity.newBuilder()
            .setEntityType(io.stateside.protocol.crdt.Crdt.name)
            .setServiceName("stateside.javasupport.test.ReplicatedService")
            .setPersistenceId("ReplicatedService")
            .build(),
        complete.build().discoveryEntry());
    assertEquals(Entity.newBuilder()
            .setEntityType("cloudstate.crdt.Crdt")
            .setServiceName("stateside.javasupport.test.ReplicatedService")
            .setPersistenceId("replicas")
            .setPassivationStrategy(EntityPassivationStrategy.newBuilder()
                .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(1500)))
            .build(),
        complete.persistenceId("replicas").passivationTimeout(Duration.ofMillis(1500)).build().discoveryEntry());
  }
}
