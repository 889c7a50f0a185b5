package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import io.stateside.proxy.jdbc.testing.IncreaseLoad;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.testing.CounterUserFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, case 8: SIGTERM under load on embedded H2 drains the calls in flight before the
 * database closes, and the process exits 0.
 */
class H2SigtermTest {

  @Test
  void sigtermUnderLoadDrainsClosesTheDatabaseLastAndExitsZero() throws InterruptedException {
    ActorSystem testSide = JdbcProxyHarness.testSideSystem("test-side");
    IncreaseLoad load = new IncreaseLoad(30);
    try (H2FileDatabase database = new H2FileDatabase();
         CounterUserFunction counter = CounterUserFunction.start(testSide)) {
      String log;
      try (ProxyProcess proxy = ProxyProcess.start(database, counter.port());
           CounterCalls calls = new CounterCalls(proxy.port(), testSide)) {
        load.start(calls, 12);
        load.awaitAcknowledged(400);
        int exit = proxy.terminate();
        load.stop();
        log = proxy.log();
        assertEquals(0, exit, "exit code after SIGTERM; the proxy's log:\n" + log);
      }
      assertFalse(log.contains("Database is already closed"), log);
      assertTrue(log.contains("Closed the H2 database"), "the proxy closed the database itself:\n" + log);

      StatesideProxy restarted = JdbcProxyHarness.start(database, counter.port());
      try (CounterCalls calls = new CounterCalls(restarted, testSide)) {
        load.assertReflectedIn(calls);
      } finally {
        JdbcProxyHarness.stop(restarted);
      }
    } finally {
      testSide.terminate();
    }
  }
}
