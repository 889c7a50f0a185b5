package io.stateside.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs ({@link FakeServer}) started, stopped, killed and closed by the launcher. */
class ServerProcessTest {

  private static final Duration STARTUP = Duration.ofMinutes(1);

  @Test
  void startsStopsKillsAndStartsAgainOnTheSamePortThenCloseKillsAndDeletesAThrowawayServer() throws Exception {
    Fake fake = Fake.forTests(STARTUP);
    ServerProcess server = fake.server();

    fake.start("serve");
    long first = server.pid().orElseThrow();
    assertTrue(PortProbe.acceptsConnections(new InetSocketAddress(Fake.HOST, fake.port())));

    server.stop();
    assertFalse(server.isRunning());
    assertFalse(Fake.alive(first));

    fake.start("serve");
    long second = server.pid().orElseThrow();
    assertTrue(PortProbe.acceptsConnections(new InetSocketAddress(Fake.HOST, fake.port())));
    fake.start("serve");
    assertEquals(second, server.pid().orElseThrow(), "a start of a running server starts no other");

    server.kill();
    assertFalse(Fake.alive(second));

    fake.start("serve");
    long third = server.pid().orElseThrow();
    server.close();

    assertFalse(Fake.alive(third));
    assertFalse(Files.exists(fake.directory()), "directory left behind");
    assertThrows(IllegalStateException.class, () -> fake.start("serve"));
  }

  @Test
  void closeStopsAServerForLocalUseAndKeepsItsDirectory(@TempDir Path directory) throws Exception {
    Fake fake = Fake.create(directory, FreePorts.pick(Fake.HOST, 1)[0], false, STARTUP);
    fake.start("serve");
    long pid = fake.server().pid().orElseThrow();

    fake.server().close();

    assertFalse(Fake.alive(pid));
    assertTrue(Files.exists(fake.directory().resolve("logs").resolve("fake.log")));
  }

  @Test
  void startFailsFastWithTheEndOfTheLogWhenTheServerExits() throws Exception {
    Fake fake = Fake.forTests(STARTUP);
    try {
      var failure = assertThrows(Fake.FakeStartException.class, () -> fake.start("fail"));
      assertTrue(failure.getMessage().startsWith("Fake exited with code " + FakeServer.FAILURE_EXIT_CODE),
          failure.getMessage());
      assertTrue(failure.getMessage().contains(FakeServer.FAILURE), failure.getMessage());
      assertFalse(fake.server().isRunning());
    } finally {
      fake.server().close();
    }
  }

  @Test
  void startFailsAndKillsTheServerWhenItsLogNeverSaysItIsReady() throws Exception {
    Fake fake = Fake.forTests(Duration.ofSeconds(3));
    try {
      var failure = assertThrows(Fake.FakeStartException.class, () -> fake.start("mute"));
      assertTrue(failure.getMessage().startsWith("Fake was not ready within PT3S"), failure.getMessage());
      assertFalse(fake.server().isRunning());
      assertFalse(PortProbe.acceptsConnections(new InetSocketAddress(Fake.HOST, fake.port())),
          "the mute server still listens");
    } finally {
      fake.server().close();
    }
  }
}
