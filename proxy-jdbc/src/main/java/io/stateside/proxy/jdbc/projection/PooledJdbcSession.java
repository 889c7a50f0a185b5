package io.stateside.proxy.jdbc.projection;

import akka.japi.function.Function;
import akka.projection.jdbc.JdbcSession;
import java.sql.Connection;
import java.sql.SQLException;
import slick.jdbc.JdbcDataSource;

/**
 * A JDBC session of Akka Projections on a connection of the journal's own pool: one connection,
 * one transaction, handed back to the pool on close. Akka Projections opens one per offset read
 * or save and runs it on its blocking dispatcher.
 */
final class PooledJdbcSession implements JdbcSession, AutoCloseable {

  private final Connection connection;

  PooledJdbcSession(JdbcDataSource pool) {
    try {
      this.connection = pool.createConnection();
      // Akka Projections commits or rolls back each session itself.
      this.connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("No connection for the offset store: " + e.getMessage(), e);
    }
  }

  @Override
  public <Result> Result withConnection(Function<Connection, Result> work) throws Exception {
    return work.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
