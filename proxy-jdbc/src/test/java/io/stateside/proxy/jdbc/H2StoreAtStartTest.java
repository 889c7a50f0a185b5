package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import io.stateside.proxy.testing.CounterUserFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, case 7: a proxy whose store cannot be written refuses to start, saying why, instead
 * of serving calls that would all fail.
 */
class H2StoreAtStartTest {

  @Test
  void aReadOnlyDatabaseStopsTheStartWithAClearMessage() {
    ActorSystem testSide = JdbcProxyHarness.testSideSystem("test-side");
    try (H2FileDatabase database = new H2FileDatabase();
         CounterUserFunction counter = CounterUserFunction.start(testSide)) {
      // A first start creates the database and its tables.
      JdbcProxyHarness.stop(JdbcProxyHarness.start(database, counter.port()));

      String readOnly = "jdbc:h2:file:" + database.dataDir().resolve("stateside") + ";ACCESS_MODE_DATA=r";
      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> JdbcProxyHarness.start(database, counter.port(), ConfigFactory.parseMap(Map.of(
              "stateside.jdbc.h2.url", readOnly,
              "stateside.proxy.store.check-timeout", "5s"))));
      String reason = rootMessage(failure);
      assertTrue(reason.contains("The journal (jdbc-journal) cannot be written"), reason);
      assertTrue(counter.entityIds().isEmpty(), "no entity was started");
    } finally {
      testSide.terminate();
    }
  }

  /** The explanation the start failed with, under the harness's and the future's wrappers. */
  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && !String.valueOf(t.getMessage()).startsWith("The journal")) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
