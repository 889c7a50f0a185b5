package io.stateside.proxy.jdbc.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server for tests: binaries from Maven Central, a fresh data folder, a free
 * loopback port, password authentication, run as an unprivileged account. Nothing outlives
 * {@link #close()} (nor the JVM).
 */
public final class PostgresServer implements StoppableDatabase {

  public static final String USER = "stateside";
  public static final String PASSWORD = "stateside-test-password";
  public static final String DATABASE = "stateside";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final ServerAccount account;
  private final Path root;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private ChildProcess server;

  private PostgresServer(ServerAccount account, Path root, int port) {
    this.account = account;
    this.root = root;
    this.dataDir = root.resolve("data");
    this.log = root.resolve("postgres.log");
    this.port = port;
  }

  /** Initialises a new cluster, starts it and creates the {@value #DATABASE} database. */
  public static PostgresServer launch(ServerAccount account) {
    PostgresServer postgres = new PostgresServer(account, Folders.createTraversable("stateside-postgres"), FreePort.find());
    try {
      postgres.initialise();
      postgres.start();
      postgres.createDatabase();
      return postgres;
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  private void initialise() {
    try {
      Files.createDirectories(dataDir);
      Files.setPosixFilePermissions(dataDir, Folders.PRIVATE_DIRECTORY);
      account.own(dataDir);
      Path passwordFile = Files.writeString(root.resolve("password"), PASSWORD);
      account.own(passwordFile);
      ChildProcess.run("initdb", account, List.of(
          PostgresBinaries.bin("initdb").toString(),
          "-D", dataDir.toString(),
          "-U", USER,
          "--pwfile=" + passwordFile,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--no-locale",
          "--no-sync"), log);
      Files.delete(passwordFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void start() {
    if (server != null && server.isAlive()) {
      return;
    }
    server = ChildProcess.start("postgres", account, List.of(
        PostgresBinaries.bin("postgres").toString(),
        "-D", dataDir.toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=60",
        "-c", "shared_buffers=32MB"), log, "INT");
    awaitReady();
  }

  /** Fast shutdown: the server ends its sessions, writes a checkpoint and exits. */
  @Override
  public synchronized void stop() {
    if (server != null) {
      server.signalAndAwait("INT");
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
    Folders.deleteQuietly(root);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  @Override
  public String name() {
    return "PostgreSQL on port " + port;
  }

  @Override
  public Config proxyConfig() {
    return ConfigFactory.parseMap(Map.of(
        "stateside.jdbc.store", "postgres",
        "stateside.jdbc.postgres.host", "127.0.0.1",
        "stateside.jdbc.postgres.port", port,
        "stateside.jdbc.postgres.database", DATABASE,
        "stateside.jdbc.postgres.user", USER,
        "stateside.jdbc.postgres.password", PASSWORD,
        "stateside.jdbc.postgres.create-schema", true));
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  private void createDatabase() {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + DATABASE, e);
    }
  }

  private void awaitReady() {
    Instant giveUp = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException("PostgreSQL exited during start:\n" + ChildProcess.tail(log));
      }
      try (Connection ignored = connect("postgres")) {
        return;
      } catch (SQLException notYet) {
        if (Instant.now().isAfter(giveUp)) {
          throw new IllegalStateException("PostgreSQL did not accept connections within " + STARTUP_TIMEOUT
              + ":\n" + ChildProcess.tail(log), notYet);
        }
        Pause.briefly();
      }
    }
  }
}
