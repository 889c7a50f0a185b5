package io.stateside.proxy.jdbc.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An H2 database served by H2's TCP server in a JVM of its own, so that a test can kill the
 * database process (as a crash would) and start it again over the same files.
 */
public final class H2Server implements StoppableDatabase {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Path root = Folders.createTraversable("stateside-h2-server");
  private final Path log = root.resolve("h2-server.log");
  private final int port = FreePort.find();
  private ChildProcess server;

  private H2Server() {
  }

  public static H2Server launch() {
    H2Server h2 = new H2Server();
    try {
      h2.start();
      return h2;
    } catch (RuntimeException e) {
      h2.close();
      throw e;
    }
  }

  @Override
  public synchronized void start() {
    if (server != null && server.isAlive()) {
      return;
    }
    server = ChildProcess.start("h2-server", ServerAccount.current(), List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m",
        "-cp", h2Jar().toString(),
        "org.h2.tools.Server",
        "-tcp", "-tcpPort", Integer.toString(port),
        "-baseDir", root.resolve("data").toString(),
        "-ifNotExists"), log, "KILL");
    awaitReady();
  }

  /** Kills the server process outright, as a crash would. */
  @Override
  public synchronized void stop() {
    if (server != null) {
      server.signalAndAwait("KILL");
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
    Folders.deleteQuietly(root);
  }

  public String jdbcUrl() {
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/stateside;WRITE_DELAY=0";
  }

  @Override
  public String name() {
    return "H2 TCP server on port " + port;
  }

  @Override
  public Config proxyConfig() {
    return ConfigFactory.parseMap(Map.of(
        "stateside.jdbc.store", "h2",
        "stateside.jdbc.h2.url", jdbcUrl()));
  }

  private void awaitReady() {
    Instant giveUp = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException("H2 server exited during start:\n" + ChildProcess.tail(log));
      }
      try (Connection ignored = DriverManager.getConnection(jdbcUrl(), "sa", "")) {
        return;
      } catch (SQLException notYet) {
        if (Instant.now().isAfter(giveUp)) {
          throw new IllegalStateException("H2 server did not answer within " + STARTUP_TIMEOUT
              + ":\n" + ChildProcess.tail(log), notYet);
        }
        Pause.briefly();
      }
    }
  }

  private static Path h2Jar() {
    try {
      return Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
