package io.stateside.proxy.jdbc;

import io.stateside.proxy.jdbc.testing.PostgresServer;
import io.stateside.proxy.jdbc.testing.ServerAccount;
import io.stateside.proxy.jdbc.testing.StoppableDatabase;

/** A real PostgreSQL server, started for this class; the outage scenario shuts it down and restarts it. */
class PostgresProxyTest extends StoppableStoreScenarios {

  @Override
  StoppableDatabase startDatabase() {
    return PostgresServer.launch(ServerAccount.unprivileged());
  }
}
