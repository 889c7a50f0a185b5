package io.stateside.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link FakeServer} run by a {@link ServerProcess}, as the tests' launcher. */
record Fake(ServerProcess server, Path directory, int port, boolean ephemeral) {

  static final String HOST = "127.0.0.1";

  /** A fake server in {@code directory} on {@code port}, not yet started. */
  static Fake create(Path directory, int port, boolean ephemeral, Duration startupTimeout) throws IOException {
    Files.createDirectories(directory.resolve("logs"));
    ServerProcess.Spec spec = new ServerProcess.Spec("Fake", new InetSocketAddress(HOST, port), "no other port",
        directory, directory.resolve("logs").resolve("fake.log"), ephemeral, startupTimeout, Duration.ofSeconds(30));
    return new Fake(ServerProcess.create(spec, FakeStartException::new, System.out::println), directory, port, ephemeral);
  }

  /** A throwaway fake server in a fresh temporary folder on a free port. */
  static Fake forTests(Duration startupTimeout) throws IOException {
    return create(Files.createTempDirectory("stateside-fake-"), FreePorts.pick(HOST, 1)[0], true, startupTimeout);
  }

  /** Starts the fake server in {@code mode} (see {@link FakeServer}); ready once it says so. */
  void start(String mode) throws IOException, InterruptedException {
    server.start(() -> command(mode), List.of(FakeServer.READY));
  }

  private List<String> command(String mode) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx32m");
    if (ephemeral) {
      command.addAll(OrphanGuard.jvmOptions(directory));
    }
    command.add("-cp");
    command.add(GuardClasses.copy(FakeServer.class, directory.resolve("launcher-classes")).toString());
    command.add(FakeServer.class.getName());
    command.add(Integer.toString(port));
    command.add(mode);
    return command;
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** What the tests' launcher throws when a fake server does not start. */
  static final class FakeStartException extends IllegalStateException {
    FakeStartException(String message) {
      super(message);
    }
  }
}
