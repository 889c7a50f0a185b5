package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.StoppableDatabase;
import io.stateside.proxy.jdbc.testing.TestDatabase;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.RegisterCalls;
import io.stateside.proxy.testing.RegisterScenarios;
import io.stateside.proxy.testing.HotEntityLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scenarios of every store, plus a database server that goes away and comes back. */
abstract class StoppableStoreScenarios extends ProxyStoreScenarios {

  private static final Logger log = LoggerFactory.getLogger(StoppableStoreScenarios.class);

  @Override
  abstract StoppableDatabase startDatabase();

  private StoppableDatabase server() {
    return (StoppableDatabase) database;
  }

  @Test
  void aHotEntityLosesNothingAcknowledgedWhenTheDatabaseGoesAwayInTheMiddle() {
    String hot = uniqueId("hot-outage");
    try (CounterCalls calls = new CounterCalls(startProxy(), testSide)) {
      HotEntityLoad load = HotEntityLoad.start(calls.client(), hot, 64, 100_000);
      load.awaitAcknowledged(500);
      server().stop();
      load.awaitFinished(); // each caller stops at its first failure
      log.info("{} went away under a hot entity: {} increases acknowledged, {} in doubt", database.name(),
          load.acknowledged(), load.inDoubt());

      server().start();
      long[] value = {-1};
      Await.until(hot + " serves again", Duration.ofSeconds(90), () -> {
        try {
          value[0] = calls.get(hot);
          return true;
        } catch (RuntimeException stillRecovering) {
          return false;
        }
      });
      load.assertNothingAcknowledgedLost(value[0]);
    }
  }

  @Test
  void aDatabaseThatGoesAwayGivesUnavailableAndEntitiesRecoverWhenItIsBack() {
    List<String> ids = List.of(uniqueId("outage-a"), uniqueId("outage-b"), uniqueId("outage-c"));
    Map<String, Long> acknowledged = new HashMap<>();
    Map<String, Long> inDoubt = new HashMap<>();

    StatesideProxy proxy = startProxy();
    try (CounterCalls calls = new CounterCalls(proxy, testSide)) {
      for (String id : ids) {
        calls.increase(id, 1);
        acknowledged.merge(id, 1L, Long::sum);
      }

      server().stop();
      List<Status.Code> codes = new ArrayList<>();
      for (String id : ids) {
        long started = System.nanoTime();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> calls.increase(id, 1),
            "an increase cannot be acknowledged while the database is away");
        inDoubt.merge(id, 1L, Long::sum);
        codes.add(CounterCalls.code(failure));
        log.info("With {} away, an increase of {} failed after {} ms with {}", database.name(), id,
            Duration.ofNanos(System.nanoTime() - started).toMillis(), CounterCalls.code(failure));
      }
      // Within the client's deadline (a missed deadline would be DEADLINE_EXCEEDED).
      assertEquals(List.of(Status.Code.UNAVAILABLE, Status.Code.UNAVAILABLE, Status.Code.UNAVAILABLE), codes);

      server().start();
      for (String id : ids) {
        Await.until(id + " accepts increases again", Duration.ofSeconds(90), () -> {
          try {
            calls.increase(id, 1);
            acknowledged.merge(id, 1L, Long::sum);
            return true;
          } catch (RuntimeException stillRecovering) {
            inDoubt.merge(id, 1L, Long::sum);
            return false;
          }
        });
      }
      for (String id : ids) {
        long value = calls.get(id);
        long acked = acknowledged.get(id);
        assertTrue(value >= acked && value <= acked + inDoubt.getOrDefault(id, 0L),
            id + " = " + value + ": every acknowledged increase (" + acked + ") and none never sent");
      }
    }
  }

  @Test
  void aValueEntityGetsUnavailableWhileTheDatabaseIsAwayAndKeepsWhatWasAcknowledged() {
    try (RegisterCalls calls = new RegisterCalls(startRegisterProxy().httpPort(), testSide)) {
      RegisterScenarios.assertStoreOutageKeepsWhatWasAcknowledged(calls, () -> server().stop(), () -> server().start());
    }
  }
}
