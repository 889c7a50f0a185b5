package io.stateside.cassandra.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.launcher.Directories;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM killed outright runs no shutdown hook; its Cassandra must still go, with its folder. */
class OrphanGuardTest {

  @Test
  void cassandraHaltsAndCleansUpWhenTheLaunchingJvmIsKilled() throws Exception {
    Process launcher = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-D" + CassandraSettings.SERVER_CLASSPATH_FILE_PROPERTY + "="
            + System.getProperty(CassandraSettings.SERVER_CLASSPATH_FILE_PROPERTY),
        LaunchAndWait.class.getName()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    ProcessHandle cassandra = null;
    Path directory = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith(LaunchAndWait.READY)) {
        // skip the launcher's own logging
      }
      assertNotNull(line, "launcher ended before its Cassandra was ready");
      String[] ready = line.split(" ");
      cassandra = ProcessHandle.of(Long.parseLong(ready[1])).orElseThrow();
      directory = Path.of(ready[2]);
      assertTrue(Files.isDirectory(directory));

      launcher.destroyForcibly();
      assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));

      cassandra.onExit().get(60, TimeUnit.SECONDS);
      assertFalse(Files.exists(directory), "orphaned node directory left behind");
    } finally {
      launcher.destroyForcibly();
      if (cassandra != null) {
        cassandra.destroyForcibly();
      }
      if (directory != null) {
        Directories.deleteRecursively(directory);
      }
    }
  }

  /** Starts a throwaway node, reports it, and waits to be killed. */
  public static final class LaunchAndWait {

    static final String READY = "READY";

    public static void main(String[] args) throws Exception {
      CassandraNode node = CassandraNode.create(CassandraSettings.forTests());
      node.start();
      System.out.println(READY + " " + node.pid().orElseThrow() + " " + node.directory());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
  }
}
