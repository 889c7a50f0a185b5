package io.stateside.cassandra.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CassandraNodeTest {

  @Test
  void servesCqlKeepsAcknowledgedWritesThroughACrashAndLeavesNothingBehind() throws Exception {
    CassandraNode node = CassandraNode.create(CassandraSettings.forTests());
    Path directory = node.directory();
    long lastPid;
    try (node) {
      node.start();
      long firstPid = node.pid().orElseThrow();
      try (CqlSession session = Cql.session(node)) {
        String version = session.execute("SELECT release_version FROM system.local").one().getString(0);
        assertEquals("5.0.9", version);
        session.execute("CREATE KEYSPACE probe WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE probe.notes (id int PRIMARY KEY, text text)");
        session.execute("INSERT INTO probe.notes (id, text) VALUES (1, 'written before the crash')");
      }

      node.kill();
      assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));

      node.start();
      lastPid = node.pid().orElseThrow();
      try (CqlSession session = Cql.session(node)) {
        String text = session.execute("SELECT text FROM probe.notes WHERE id = 1").one().getString(0);
        assertEquals("written before the crash", text);
      }
    }

    assertFalse(ProcessHandle.of(lastPid).map(ProcessHandle::isAlive).orElse(false), "Cassandra still running");
    assertFalse(Files.exists(directory), "node directory left behind");
  }

  @Test
  void startFailsFastWithTheEndOfTheLogWhenCassandraCannotStart() throws Exception {
    CassandraSettings settings = CassandraSettings.forTests();
    Path directory = settings.directory();
    try (CassandraNode node = CassandraNode.create(settings);
        ServerSocket squatter = new ServerSocket(settings.storagePort(), 1, InetAddress.getByName(settings.host()))) {
      CassandraStartException failure = assertThrows(CassandraStartException.class, node::start);
      assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
      assertTrue(failure.getMessage().contains(String.valueOf(settings.storagePort())), failure.getMessage());
      assertFalse(node.isRunning());
    }
    assertFalse(Files.exists(directory), "node directory left behind");
  }
}
