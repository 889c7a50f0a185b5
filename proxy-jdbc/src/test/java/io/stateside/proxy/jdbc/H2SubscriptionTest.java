package io.stateside.proxy.jdbc;

import akka.actor.ActorSystem;
import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import io.stateside.proxy.jdbc.testing.subscription.JdbcSubscriptionStore;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionCrash;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionRestart;
import io.stateside.proxy.testing.ProxyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-log subscriptions on H2 in file mode: offsets in the journal's database. */
class H2SubscriptionTest {

  private ActorSystem clientSystem;
  private H2FileDatabase database;

  @BeforeEach
  void start() {
    clientSystem = ProxyHarness.userSideSystem();
    database = new H2FileDatabase();
  }

  @AfterEach
  void stop() {
    clientSystem.terminate();
    clientSystem.getWhenTerminated().toCompletableFuture().join();
    database.close();
  }

  @Test
  void aSubscriptionStoppedWithItsProxyGoesOnAfterItsOffsetWithTheNext() {
    SubscriptionRestart.run(port -> JdbcProxyHarness.start(database, port), JdbcProxyHarness::stop,
        (proxy, subscription) -> JdbcSubscriptionStore.savedOffset(proxy.system().settings().config(), subscription),
        clientSystem);
  }

  @Test
  void everyEventReachesTheSubscriberInOrderAcrossAKillAndOnlyTheUncommittedTailComesTwice() throws Exception {
    SubscriptionCrash.run(new JdbcSubscriptionStore(database), clientSystem);
  }
}
