package io.stateside.proxy.valueentity;

import static io.stateside.proxy.testing.RegisterScenarios.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.register.RegisterValue;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RegisterCalls;
import io.stateside.proxy.testing.RegisterScenarios;
import io.stateside.proxy.testing.RegisterUserFunction;
import io.stateside.proxy.testing.TestkitJournal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Value entities through the real proxy, on the in-memory journal. */
class ValueEntityTest {

  private ActorSystem userSide;
  private RegisterUserFunction userFunction;
  private StatesideProxy proxy;
  private RegisterCalls calls;

  private void start(Optional<Duration> passivation, Config proxyConfig) {
    userSide = ProxyHarness.userSideSystem();
    userFunction = RegisterUserFunction.start(userSide, passivation);
    proxy = ProxyHarness.start(userFunction.port(), proxyConfig);
    calls = new RegisterCalls(proxy.httpPort(), userSide);
  }

  private void start(Optional<Duration> passivation) {
    start(passivation, ConfigFactory.empty());
  }

  @AfterEach
  void stop() {
    if (calls != null) {
      calls.close();
    }
    ProxyHarness.stop(proxy);
    if (userFunction != null) {
      userFunction.close();
    }
    if (userSide != null) {
      userSide.terminate();
    }
  }

  private static Optional<RegisterValue> initState(ValueEntityStreamIn init) {
    try {
      return init.getInit().getState().hasValue()
          ? Optional.of(init.getInit().getState().getValue().unpack(RegisterValue.class))
          : Optional.empty();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void stateSurvivesPassivationAndReachesTheNextIncarnationInItsInit() {
    start(Optional.of(Duration.ofMillis(500)));

    calls.set("r1", "a");
    assertEquals(value("b", 2), calls.set("r1", "b"));
    awaitPassivation("r1");

    assertEquals(value("b", 2), calls.get("r1"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r1");
    assertEquals(Optional.empty(), initState(inits.get(0)));
    assertEquals(Optional.of(value("b", 2)), initState(inits.get(inits.size() - 1)));
  }

  /** Waits, without calling it, until the entity's current stream has ended. */
  private void awaitPassivation(String id) {
    int ended = userFunction.inits(id).size();
    Await.until(id + " passivated", Duration.ofSeconds(30), () -> userFunction.streamsEnded(id) >= ended);
  }

  @Test
  void deletedStateComesBackAsTheInitialState() {
    start(Optional.of(Duration.ofMillis(500)));

    calls.set("r2", "kept");
    assertEquals(RegisterValue.getDefaultInstance(), calls.clear("r2"));
    awaitPassivation("r2");

    assertEquals(RegisterValue.getDefaultInstance(), calls.get("r2"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r2");
    ValueEntityStreamIn afterClear = inits.get(inits.size() - 1);
    assertTrue(afterClear.getInit().hasState(), "the init message always carries a state");
    assertEquals(Optional.empty(), initState(afterClear));
    assertEquals(value("again", 1), calls.set("r2", "again"));
  }

  @Test
  void concurrentClientsOnOneEntityEndWithEveryAcknowledgedChangeExactlyOnce() {
    start(Optional.empty());
    RegisterScenarios.assertConcurrentAppendsAllKept(calls, 8, 20);
  }

  @Test
  void aFailedWriteFailsTheCallerLosesNothingAcknowledgedAndTheEntityContinues() {
    start(Optional.empty(), TestkitJournal.config());
    calls.set("r3", "durable");

    PersistenceTestKit.create(proxy.system()).failNextPersisted();
    StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () -> calls.set("r3", "lost"));
    assertEquals(Status.Code.UNAVAILABLE, failed.getStatus().getCode());

    // The entity restarted from the journal: the failed change is gone, the acknowledged one kept.
    assertEquals(value("durable", 1), calls.get("r3"));
    assertEquals(value("next", 2), calls.set("r3", "next"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r3");
    assertEquals(Optional.of(value("durable", 1)), initState(inits.get(inits.size() - 1)));
  }

  @Test
  void aFailedCommandChangesNothingAndTheFailureReachesTheCaller() {
    start(Optional.empty());
    calls.set("r4", "before");
    AtomicBoolean failNext = new AtomicBoolean(true);
    userFunction.behave(command -> command.getName().equals("Set") && failNext.getAndSet(false)
        ? Optional.of(ValueEntityStreamOut.newBuilder().setReply(ValueEntityReply.newBuilder()
            .setCommandId(command.getId())
            .setClientAction(ClientAction.newBuilder().setFailure(Failure.newBuilder()
                .setCommandId(command.getId()).setDescription("not allowed"))))
          .build())
        : Optional.empty());

    StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () -> calls.set("r4", "x"));
    assertEquals(Status.Code.UNKNOWN, failed.getStatus().getCode());
    assertEquals("not allowed", failed.getStatus().getDescription());
    assertEquals(value("before", 1), calls.get("r4"));
    assertFalse(userFunction.inits("r4").size() > 1, "a plain failure does not restart the entity");
  }

  @Test
  void entriesBeforeTheLatestArePrunedAndTheLatestStillLoads() {
    start(Optional.of(Duration.ofMillis(500)), TestkitJournal.config()
        .withFallback(ConfigFactory.parseString("stateside.proxy.value-entity.prune-every = 3")));
    for (int i = 1; i <= 10; i++) {
      calls.set("r6", "v" + i);
    }
    String persistenceId = RegisterUserFunction.PERSISTENCE_ID + "|r6";
    PersistenceTestKit journal = PersistenceTestKit.create(proxy.system());
    // The write of entry 9 crossed a multiple of 3: everything before it goes.
    Await.until("entries 1 to 8 pruned", Duration.ofSeconds(20),
        () -> journal.persistedInStorage(persistenceId).size() == 2);
    awaitPassivation("r6");

    assertEquals(value("v10", 10), calls.get("r6"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r6");
    assertEquals(Optional.of(value("v10", 10)), initState(inits.get(inits.size() - 1)));
  }

  @Test
  void discoveryListsExactlyTheKindsTheProxyServes() {
    start(Optional.empty());
    assertEquals(List.of(ActionProtocol.name, Crdt.name, EventSourced.name, ValueEntity.name), userFunction.proxyInfo().getSupportedEntityTypesList());
  }
}
