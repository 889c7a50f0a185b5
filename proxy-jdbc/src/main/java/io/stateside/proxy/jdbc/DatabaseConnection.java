package io.stateside.proxy.jdbc;

/** Where the journal lives: a JDBC URL and the credentials for it. */
public record DatabaseConnection(JdbcStore store, String url, String user, String password) {

  @Override
  public String toString() {
    // Never log the password.
    return "DatabaseConnection[" + store.configName() + ", " + url + ", user " + user + "]";
  }
}
