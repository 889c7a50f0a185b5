package io.stateside.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One server in a JVM of its own, on a directory of its own: started (returning once it serves
 * clients), stopped gracefully, killed like a crash, and started again on the same directory and
 * ports.
 *
 * <p>A throwaway server ({@link Spec#ephemeral()}) never outlives its launcher: {@link #close()}
 * kills it and deletes its directory, a shutdown hook does the same when the JVM exits, and the
 * server's guard ({@link OrphanGuard}) halts it if the launching JVM is killed.
 */
public final class ServerProcess {

  /**
   * @param name names the server in log lines and failures, e.g. {@code Cassandra}
   * @param address where clients connect; the server is ready once it accepts connections there
   * @param note more about the server for the line logged at each start, e.g. {@code storage port 7001}
   * @param directory the server's own: its working directory, deleted on close if ephemeral
   * @param logFile takes the server JVM's standard output and error, across all its starts
   * @param ephemeral a throwaway server, see the class comment; a server that is not (for local use)
   *     keeps running on its own and is stopped gracefully on close
   * @param startupTimeout how long a start may take until the server is ready
   * @param shutdownTimeout how long a graceful stop may take before the server is killed
   */
  public record Spec(String name, InetSocketAddress address, String note, Path directory, Path logFile,
      boolean ephemeral, Duration startupTimeout, Duration shutdownTimeout) {

    /** {@code host:port}, as clients name the server. */
    String hostAndPort() {
      return address.getHostString() + ":" + address.getPort();
    }
  }

  /** The server JVM's command line, built at each start that runs one. */
  @FunctionalInterface
  public interface CommandLine {
    List<String> build() throws IOException;
  }

  private final Spec spec;
  private final Function<String, ? extends RuntimeException> startFailure;
  private final Consumer<String> log;
  private final Thread cleanupOnExit;
  private final AtomicBoolean closed = new AtomicBoolean();
  // volatile: the shutdown hook reads it without the lock, which start() may hold for minutes
  private volatile Process process;

  private ServerProcess(Spec spec, Function<String, ? extends RuntimeException> startFailure, Consumer<String> log) {
    this.spec = spec;
    this.startFailure = startFailure;
    this.log = log;
    this.cleanupOnExit = new Thread(this::cleanUpAtJvmExit,
        "stateside-" + spec.name().toLowerCase(Locale.ROOT) + "-cleanup");
  }

  /**
   * A server not yet started; a throwaway one is cleaned up when the JVM exits from now on.
   *
   * @param startFailure the exception a start throws, from its message, when the server dies
   *     before it is ready or is not ready in time (the message ends with the end of its log)
   * @param log takes the lines that say what happens to the server (starting, ready, stopping)
   */
  public static ServerProcess create(Spec spec, Function<String, ? extends RuntimeException> startFailure,
      Consumer<String> log) {
    ServerProcess server = new ServerProcess(spec, startFailure, log);
    if (spec.ephemeral()) {
      Runtime.getRuntime().addShutdownHook(server.cleanupOnExit);
    }
    return server;
  }

  /**
   * Starts the server, or does nothing if it runs; returns once its log shows every one of
   * {@code readyMarkers} and its address accepts connections. A server that fails to start is
   * killed.
   */
  public synchronized void start(CommandLine command, List<String> readyMarkers) throws IOException, InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException(spec.name() + " in " + spec.directory() + " is closed");
    }
    if (isRunning()) {
      return;
    }
    Path logFile = spec.logFile();
    long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
    ProcessBuilder builder = new ProcessBuilder(command.build())
        .directory(spec.directory().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    log.accept("Starting " + spec.name() + " on " + spec.hostAndPort() + " (" + spec.note() + ") in " + spec.directory());
    long startedAt = System.nanoTime();
    process = builder.start();
    try {
      new ReadinessWatch(spec.name(), process, logFile, logOffset, spec.address(), readyMarkers, startFailure)
          .awaitReady(spec.startupTimeout());
    } catch (IOException | InterruptedException | RuntimeException e) {
      ProcessStopper.kill(process.toHandle());
      process = null;
      throw e;
    }
    log.accept(spec.name() + " ready on " + spec.hostAndPort() + " (pid " + process.pid() + ") after "
        + (System.nanoTime() - startedAt) / 1_000_000 + " ms");
  }

  /** Stops the server gracefully (SIGTERM, SIGKILL after the shutdown timeout); its data stays. */
  public synchronized void stop() {
    if (process != null) {
      log.accept("Stopping " + spec.name() + " on " + spec.hostAndPort() + " (pid " + process.pid() + ")");
      ProcessStopper.stop(process.toHandle(), spec.shutdownTimeout());
      process = null;
    }
  }

  /** Kills the server like a crash would (SIGKILL). */
  public synchronized void kill() {
    if (process != null) {
      log.accept("Killing " + spec.name() + " on " + spec.hostAndPort() + " (pid " + process.pid() + ")");
      ProcessStopper.kill(process.toHandle());
      process = null;
    }
  }

  /**
   * Ends the server: a throwaway server is killed (its data is about to go) and its directory
   * deleted; a server for local use is stopped gracefully and keeps its directory.
   */
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (spec.ephemeral()) {
      kill();
      deleteDirectory();
      removeShutdownHook();
    } else {
      stop();
    }
  }

  public boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  public Optional<Long> pid() {
    Process current = process;
    return current != null && current.isAlive() ? Optional.of(current.pid()) : Optional.empty();
  }

  /** Runs without the lock: a test thread may hold it while the JVM exits. */
  private void cleanUpAtJvmExit() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Process current = process;
    if (current != null) {
      ProcessStopper.kill(current.toHandle());
    }
    deleteDirectory();
  }

  private void deleteDirectory() {
    try {
      Directories.deleteRecursively(spec.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + spec.directory(), e);
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // the hook is running or about to; it finds the server closed
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
