package io.stateside.cassandra.launcher;

/** The Cassandra process died or did not become ready in time. */
public final class CassandraStartException extends IllegalStateException {

  public CassandraStartException(String message) {
    super(message);
  }
}
