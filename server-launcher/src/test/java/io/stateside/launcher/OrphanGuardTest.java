package io.stateside.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM killed outright runs no shutdown hook; the server it launched must still go, with its folder. */
class OrphanGuardTest {

  @Test
  void aThrowawayServerHaltsAndDeletesItsDirectoryWhenTheLaunchingJvmIsKilled() throws Exception {
    Process launcher = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        LaunchAndWait.class.getName()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    ProcessHandle server = null;
    Path directory = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith(LaunchAndWait.READY)) {
        // skip the launcher's own lines
      }
      assertNotNull(line, "launcher ended before its server was ready");
      String[] ready = line.split(" ");
      server = ProcessHandle.of(Long.parseLong(ready[1])).orElseThrow();
      directory = Path.of(ready[2]);
      assertTrue(Files.isDirectory(directory));

      launcher.destroyForcibly();
      assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));

      server.onExit().get(60, TimeUnit.SECONDS);
      assertFalse(Files.exists(directory), "orphaned server directory left behind");
    } finally {
      launcher.destroyForcibly();
      if (server != null) {
        server.destroyForcibly();
      }
      if (directory != null) {
        Directories.deleteRecursively(directory);
      }
    }
  }

  /** Starts a throwaway fake server, reports it, and waits to be killed. */
  public static final class LaunchAndWait {

    static final String READY = "READY";

    public static void main(String[] args) throws Exception {
      Fake fake = Fake.forTests(Duration.ofMinutes(1));
      fake.start("serve");
      System.out.println(READY + " " + fake.server().pid().orElseThrow() + " " + fake.directory());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
  }
}
