package io.stateside.proxy.jdbc;

import akka.actor.ActorSystem;
import io.stateside.proxy.jdbc.testing.PostgresServer;
import io.stateside.proxy.jdbc.testing.ServerAccount;
import io.stateside.proxy.jdbc.testing.subscription.JdbcSubscriptionStore;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionCrash;
import io.stateside.proxy.testing.ProxyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event-log subscription across a SIGKILL of the proxy, on a real PostgreSQL server. */
class PostgresSubscriptionTest {

  private ActorSystem clientSystem;
  private PostgresServer database;

  @BeforeEach
  void start() {
    clientSystem = ProxyHarness.userSideSystem();
    database = PostgresServer.launch(ServerAccount.unprivileged());
  }

  @AfterEach
  void stop() {
    clientSystem.terminate();
    clientSystem.getWhenTerminated().toCompletableFuture().join();
    database.close();
  }

  @Test
  void everyEventReachesTheSubscriberInOrderAcrossAKillAndOnlyTheUncommittedTailComesTwice() throws Exception {
    SubscriptionCrash.run(new JdbcSubscriptionStore(database), clientSystem);
  }
}
