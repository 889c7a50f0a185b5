package io.stateside.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run as a user runs it: one JVM per command, the server left running between them. */
class LocalServerCliTest {

  private static final LocalServerCli.Spec SPEC = new LocalServerCli.Spec("fake", "Fake", "fakes", Fake.HOST, 9999,
      new PortsFile("fake-ports.properties", "port", "other_port"), Duration.ofSeconds(30));

  @Test
  void startsDetachedReportsAndStopsAServerThatKeepsItsPortsAndDirectory(@TempDir Path directory) throws Exception {
    int port = FreePorts.pick(Fake.HOST, 1)[0];
    try {
      Result started = run(directory, "start", "--dir", directory.toString(), "--port", Integer.toString(port));
      assertEquals(0, started.exitCode(), started.output());
      assertTrue(started.output().contains("Fake running on " + Fake.HOST + ":" + port + " (pid "), started.output());
      assertTrue(started.output().contains("  FAKE_ADDRESS=" + Fake.HOST + ":" + port + "\n"), started.output());
      assertTrue(started.output().contains("  data: " + directory + "\n"), started.output());
      long pid = pid(directory);
      assertTrue(Fake.alive(pid), "the server ended with the command's JVM");

      Result status = run(directory, "status", "--dir", directory.toString());
      assertEquals(0, status.exitCode(), status.output());
      assertEquals("Fake serving fakes on " + Fake.HOST + ":" + port + " (pid " + pid + ")\n", status.output());

      Result again = run(directory, "start", "--dir", directory.toString());
      assertEquals(0, again.exitCode(), again.output());
      assertEquals("Fake already running on " + Fake.HOST + ":" + port + " (pid " + pid + ")\n", again.output());

      Result stopped = run(directory, "stop", "--dir", directory.toString());
      assertEquals(0, stopped.exitCode(), stopped.output());
      assertFalse(Fake.alive(pid));
      assertFalse(Files.exists(directory.resolve("fake.pid")));

      Result notRunning = run(directory, "status", "--dir", directory.toString());
      assertEquals(3, notRunning.exitCode(), notRunning.output());
      assertEquals("Fake is not running in " + directory + "\n", notRunning.output());

      Properties ports = new Properties();
      try (InputStream in = Files.newInputStream(directory.resolve("fake-ports.properties"))) {
        ports.load(in);
      }
      assertEquals(Integer.toString(port), ports.getProperty("port"));
      assertTrue(ports.getProperty("other_port").matches("[0-9]+"), ports.toString());
    } finally {
      if (Files.exists(directory.resolve("fake.pid"))) {
        ProcessHandle.of(pid(directory)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void anUnknownCommandIsAUsageError(@TempDir Path directory) throws Exception {
    Result result = run(directory, "restart");
    assertEquals(2, result.exitCode());
    assertEquals("unknown command restart\nusage: fake start|stop|status [--dir DIR] [--port PORT]\n", result.errors());
  }

  private static long pid(Path directory) throws IOException {
    return Long.parseLong(Files.readString(directory.resolve("fake.pid")).split(" ")[0]);
  }

  private record Result(int exitCode, String output, String errors) {}

  /** Runs {@link FakeCli} in a JVM of its own, as a script would. */
  private static Result run(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        FakeCli.class.getName()));
    command.addAll(List.of(args));
    Path errors = Files.createTempFile("stateside-cli-", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectError(errors.toFile())
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "command did not end");
      return new Result(process.exitValue(), output, Files.readString(errors));
    } finally {
      Files.delete(errors);
    }
  }

  /** A command line like {@code bin/cassandra}'s, for fake servers. */
  public static final class FakeCli {

    public static void main(String[] args) throws Exception {
      LocalServerCli.run(SPEC, (directory, port, otherPort) -> {
        Fake fake = Fake.create(directory, port, false, Duration.ofMinutes(1));
        fake.start("serve");
        String address = Fake.HOST + ":" + port;
        return new LocalServerCli.Started(fake.server().pid().orElseThrow(), address,
            directory.resolve("logs").resolve("fake.log"), List.of("FAKE_ADDRESS=" + address));
      }, args);
    }
  }
}
