package io.stateside.proxy.valueentity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.register.AppendRequest;
import io.stateside.example.register.ClearRequest;
import io.stateside.example.register.GetRequest;
import io.stateside.example.register.RegisterServiceClient;
import io.stateside.example.register.RegisterValue;
import io.stateside.example.register.SetRequest;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RegisterUserFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Value entities through the real proxy, on the in-memory journal. */
class ValueEntityTest {

  private ActorSystem userSide;
  private RegisterUserFunction userFunction;
  private StatesideProxy proxy;
  private RegisterServiceClient client;

  private void start(Optional<Duration> passivation, Config proxyConfig) {
    userSide = ProxyHarness.userSideSystem();
    userFunction = RegisterUserFunction.start(userSide, passivation);
    proxy = ProxyHarness.start(userFunction.port(), proxyConfig);
    client = RegisterServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        userSide);
  }

  private void start(Optional<Duration> passivation) {
    start(passivation, ConfigFactory.empty());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    ProxyHarness.stop(proxy);
    if (userFunction != null) {
      userFunction.close();
    }
    if (userSide != null) {
      userSide.terminate();
    }
  }

  private RegisterValue set(String id, String value) {
    return join(client.set(SetRequest.newBuilder().setRegisterId(id).setValue(value).build()));
  }

  private RegisterValue get(String id) {
    return join(client.get(GetRequest.newBuilder().setRegisterId(id).build()));
  }

  private RegisterValue clear(String id) {
    return join(client.clear(ClearRequest.newBuilder().setRegisterId(id).build()));
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static RegisterValue value(String value, long changes) {
    return RegisterValue.newBuilder().setValue(value).setChanges(changes).build();
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

    set("r1", "a");
    assertEquals(value("b", 2), set("r1", "b"));
    awaitPassivation("r1");

    assertEquals(value("b", 2), get("r1"));
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

    set("r2", "kept");
    assertEquals(RegisterValue.getDefaultInstance(), clear("r2"));
    awaitPassivation("r2");

    assertEquals(RegisterValue.getDefaultInstance(), get("r2"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r2");
    ValueEntityStreamIn afterClear = inits.get(inits.size() - 1);
    assertTrue(afterClear.getInit().hasState(), "the init message always carries a state");
    assertEquals(Optional.empty(), initState(afterClear));
    assertEquals(value("again", 1), set("r2", "again"));
  }

  @Test
  void concurrentClientsOnOneEntityEndWithEveryAcknowledgedChangeExactlyOnce() {
    start(Optional.empty());
    int clients = 8;
    int appendsEach = 20;
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int clientNo = c;
      running.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < appendsEach; i++) {
          join(client.append(AppendRequest.newBuilder().setRegisterId("shared").setText("<" + clientNo + "." + i + ">").build()));
        }
      }));
    }
    running.forEach(CompletableFuture::join);

    RegisterValue finalState = get("shared");
    assertEquals(clients * appendsEach, finalState.getChanges());
    Set<String> tokens = new HashSet<>();
    for (String token : finalState.getValue().substring(1).split("<")) {
      assertTrue(tokens.add(token), "appended twice: " + token);
    }
    assertEquals(clients * appendsEach, tokens.size());
  }

  @Test
  void aFailedWriteFailsTheCallerLosesNothingAcknowledgedAndTheEntityContinues() {
    start(Optional.empty(), PersistenceTestKitPlugin.getInstance().config());
    set("r3", "durable");

    PersistenceTestKit.create(proxy.system()).failNextPersisted();
    StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () -> unwrap(() -> set("r3", "lost")));
    assertEquals(Status.Code.UNAVAILABLE, failed.getStatus().getCode());

    // The entity restarted from the journal: the failed change is gone, the acknowledged one kept.
    assertEquals(value("durable", 1), get("r3"));
    assertEquals(value("next", 2), set("r3", "next"));
    List<ValueEntityStreamIn> inits = userFunction.inits("r3");
    assertEquals(Optional.of(value("durable", 1)), initState(inits.get(inits.size() - 1)));
  }

  @Test
  void aFailedCommandChangesNothingAndTheFailureReachesTheCaller() {
    start(Optional.empty());
    set("r4", "before");
    AtomicBoolean failNext = new AtomicBoolean(true);
    userFunction.behave(command -> command.getName().equals("Set") && failNext.getAndSet(false)
        ? Optional.of(ValueEntityStreamOut.newBuilder().setReply(ValueEntityReply.newBuilder()
            .setCommandId(command.getId())
            .setClientAction(ClientAction.newBuilder().setFailure(Failure.newBuilder()
                .setCommandId(command.getId()).setDescription("not allowed"))))
          .build())
        : Optional.empty());

    StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () -> unwrap(() -> set("r4", "x")));
    assertEquals(Status.Code.UNKNOWN, failed.getStatus().getCode());
    assertEquals("not allowed", failed.getStatus().getDescription());
    assertEquals(value("before", 1), get("r4"));
    assertFalse(userFunction.inits("r4").size() > 1, "a plain failure does not restart the entity");
  }

  private static void unwrap(Runnable call) {
    try {
      call.run();
    } catch (java.util.concurrent.CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  @Test
  void discoveryListsExactlyTheKindsTheProxyServes() {
    start(Optional.empty());
    assertEquals(List.of(EventSourced.name, ValueEntity.name), userFunction.proxyInfo().getSupportedEntityTypesList());
  }
}
