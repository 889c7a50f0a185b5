package io.stateside.proxy.jdbc.testing;

import com.typesafe.config.Config;

/** A real database that a test points the proxy at. */
public interface TestDatabase extends AutoCloseable {

  /** Configuration overrides that make the JDBC proxy use this database. */
  Config proxyConfig();

  /** A short name for test output. */
  String name();

  @Override
  void close();
}
