package io.stateside.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.register.RegisterValue;
import io.stateside.proxy.StatesideProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What every store must show for value entities, against the register of
 * {@link RegisterUserFunction}, in steps a store's own test puts around a proxy restart.
 */
public final class RegisterScenarios {

  private RegisterScenarios() {}

  /** The registers written before a restart, and what each must hold after it. */
  public record Written(String kept, String cleared, String rewritten) {}

  /**
   * The whole restart scenario, with concurrent appends before the restart, for a store test whose
   * proxy {@code start} takes the register's port; {@code stop} stops a proxy it started.
   */
  public static void assertRestartKeepsEveryAcknowledgedState(
      IntFunction<StatesideProxy> start, Consumer<StatesideProxy> stop, ActorSystem clientSystem) {
    try (JavaRegister register = JavaRegister.start()) {
      StatesideProxy first = start.apply(register.port());
      Written written;
      try (RegisterCalls calls = new RegisterCalls(first.httpPort(), clientSystem)) {
        written = writeBeforeRestart(calls);
        assertConcurrentAppendsAllKept(calls, 8, 15);
      } finally {
        stop.accept(first);
      }
      StatesideProxy second = start.apply(register.port());
      try (RegisterCalls calls = new RegisterCalls(second.httpPort(), clientSystem)) {
        assertSurvivedRestart(calls, written);
      } finally {
        stop.accept(second);
      }
    }
  }

  /** Writes a kept register, a cleared one and one cleared then set again. */
  public static Written writeBeforeRestart(RegisterCalls calls) {
    String run = UUID.randomUUID().toString();
    Written written = new Written("kept-" + run, "cleared-" + run, "rewritten-" + run);
    calls.set(written.kept(), "one");
    calls.append(written.kept(), "+two");
    calls.set(written.cleared(), "gone");
    calls.clear(written.cleared());
    calls.set(written.rewritten(), "old");
    calls.clear(written.rewritten());
    calls.set(written.rewritten(), "new");
    return written;
  }

  /** After the restart: each register holds exactly its last acknowledged state. */
  public static void assertSurvivedRestart(RegisterCalls calls, Written written) {
    assertEquals(value("one+two", 2), calls.get(written.kept()));
    assertEquals(RegisterValue.getDefaultInstance(), calls.get(written.cleared()), "deleted, then read: the initial state");
    assertEquals(value("new", 1), calls.get(written.rewritten()));
    assertEquals(value("one+two+three", 3), calls.append(written.kept(), "+three"));
  }

  /**
   * Several clients append unique tokens to one register at once: its final state holds every
   * acknowledged token exactly once, and counts every change.
   */
  public static void assertConcurrentAppendsAllKept(RegisterCalls calls, int clients, int appendsEach) {
    String id = "shared-" + UUID.randomUUID();
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      running.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < appendsEach; i++) {
          calls.append(id, "<" + client + "." + i + ">");
        }
      }));
    }
    try {
      running.forEach(CompletableFuture::join);
    } catch (CompletionException e) {
      throw new AssertionError("an append failed", e.getCause());
    }
    RegisterValue state = calls.get(id);
    assertEquals(clients * appendsEach, state.getChanges());
    Set<String> tokens = new HashSet<>();
    for (String token : state.getValue().substring(1).split("<")) {
      assertTrue(tokens.add(token), "appended twice: " + token);
    }
    assertEquals(clients * appendsEach, tokens.size());
  }

  /**
   * While the store is away a change fails with UNAVAILABLE (within the client's deadline); once
   * it is back the register holds what was acknowledged, plus at most the change in doubt, and
   * takes changes again.
   */
  public static void assertStoreOutageKeepsWhatWasAcknowledged(RegisterCalls calls, Runnable stopStore, Runnable startStore) {
    String id = "outage-" + UUID.randomUUID();
    calls.set(id, "acknowledged");
    stopStore.run();
    StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () -> calls.append(id, "+in-doubt"),
        "a change cannot be acknowledged while the store is away");
    assertEquals(Status.Code.UNAVAILABLE, failed.getStatus().getCode());
    startStore.run();
    Await.until(id + " serves again", Duration.ofSeconds(90), () -> {
      try {
        calls.get(id);
        return true;
      } catch (StatusRuntimeException stillRecovering) {
        return false;
      }
    });
    RegisterValue recovered = calls.get(id);
    assertTrue(recovered.equals(value("acknowledged", 1)) || recovered.equals(value("acknowledged+in-doubt", 2)),
        "kept what was acknowledged, and nothing never sent: " + recovered);
    assertEquals(recovered.getValue() + "+after", calls.append(id, "+after").getValue());
  }

  public static RegisterValue value(String value, long changes) {
    return RegisterValue.newBuilder().setValue(value).setChanges(changes).build();
  }
}
