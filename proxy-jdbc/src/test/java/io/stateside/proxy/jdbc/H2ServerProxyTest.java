package io.stateside.proxy.jdbc;

import io.stateside.proxy.jdbc.testing.H2Server;
import io.stateside.proxy.jdbc.testing.StoppableDatabase;

/**
 * H2 served by its TCP server in another process (STATESIDE_H2_URL), which the outage scenario
 * kills outright and starts again over the same files.
 */
class H2ServerProxyTest extends StoppableStoreScenarios {

  @Override
  StoppableDatabase startDatabase() {
    return H2Server.launch();
  }
}
