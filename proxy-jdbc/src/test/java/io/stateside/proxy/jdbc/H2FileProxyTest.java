package io.stateside.proxy.jdbc;

import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import io.stateside.proxy.jdbc.testing.TestDatabase;

/** The embedded default: H2 in file mode, in the proxy's own process. */
class H2FileProxyTest extends ProxyStoreScenarios {

  @Override
  TestDatabase startDatabase() {
    return new H2FileDatabase();
  }
}
