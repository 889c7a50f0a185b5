package io.stateside.cassandra.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Cassandra node in a JVM of its own, on loopback. It can be stopped and started again on
 * the same directory and ports, so clients reconnect to the same contact point and find their data.
 *
 * <p>A throwaway node ({@link CassandraSettings#forTests()}) never outlives its launcher: {@link
 * #close()} kills it and deletes its directory, a shutdown hook does the same when the JVM exits, and
 * the node halts itself if the launching JVM is killed.
 */
public final class CassandraNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CassandraNode.class);

  private final CassandraSettings settings;
  private final NodeLayout layout;
  private final Thread cleanupOnExit;
  private final AtomicBoolean closed = new AtomicBoolean();
  // volatile: the shutdown hook reads it without the lock, which start() may hold for minutes
  private volatile Process process;
  private boolean started;

  private CassandraNode(CassandraSettings settings) {
    this.settings = settings;
    this.layout = new NodeLayout(settings.directory());
    this.cleanupOnExit = new Thread(this::cleanUpAtJvmExit, "stateside-cassandra-cleanup");
  }

  /** Writes the node's configuration; {@link #start()} runs it. */
  public static CassandraNode create(CassandraSettings settings) throws IOException {
    CassandraNode node = new CassandraNode(settings);
    NodeConfigWriter.write(settings, node.layout);
    if (settings.ephemeral()) {
      Runtime.getRuntime().addShutdownHook(node.cleanupOnExit);
    }
    return node;
  }

  /** Starts the node, or does nothing if it runs; returns once it serves CQL. */
  public synchronized void start() throws IOException, InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("Cassandra node in " + layout.root() + " is closed");
    }
    if (isRunning()) {
      return;
    }
    Path logFile = layout.logFile();
    long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
    ProcessBuilder builder = new ProcessBuilder(DaemonCommand.of(settings, layout))
        .directory(layout.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    log.info("Starting Cassandra on {} (storage port {}) in {}", contactPoint(), settings.storagePort(), layout.root());
    long startedAt = System.nanoTime();
    process = builder.start();
    try {
      new ReadinessWatch(process, logFile, logOffset, nativeAddress(), readinessMarkers())
          .awaitReady(settings.startupTimeout());
      started = true;
    } catch (IOException | InterruptedException | RuntimeException e) {
      ProcessStopper.kill(process.toHandle());
      process = null;
      throw e;
    }
    log.info("Cassandra ready on {} (pid {}) after {} ms", contactPoint(), process.pid(),
        (System.nanoTime() - startedAt) / 1_000_000);
  }

  /** The superuser exists from the first start on; later starts find it in the data. */
  private List<String> readinessMarkers() {
    return settings.passwordAuthentication() && !started
        ? List.of(ReadinessWatch.CQL_READY_MARKER, ReadinessWatch.SUPERUSER_READY_MARKER)
        : List.of(ReadinessWatch.CQL_READY_MARKER);
  }

  /** Stops the node gracefully (Cassandra drains and flushes); its data stays for the next start. */
  public synchronized void stop() {
    if (process != null) {
      log.info("Stopping Cassandra on {} (pid {})", contactPoint(), process.pid());
      ProcessStopper.stop(process.toHandle(), settings.shutdownTimeout());
      process = null;
    }
  }

  /** Kills the node like a crash would; acknowledged writes come back from the commit log on the next start. */
  public synchronized void kill() {
    if (process != null) {
      log.info("Killing Cassandra on {} (pid {})", contactPoint(), process.pid());
      ProcessStopper.kill(process.toHandle());
      process = null;
    }
  }

  /**
   * Ends the node: a throwaway node is killed (its data is about to go) and its directory deleted; a
   * node for local use is stopped gracefully and keeps its directory.
   */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (settings.ephemeral()) {
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

  public String host() {
    return settings.host();
  }

  public int nativePort() {
    return settings.nativePort();
  }

  public InetSocketAddress nativeAddress() {
    return new InetSocketAddress(settings.host(), settings.nativePort());
  }

  /** {@code host:port}, the form of {@code CASSANDRA_CONTACT_POINTS}. */
  public String contactPoint() {
    return settings.host() + ":" + settings.nativePort();
  }

  public Path directory() {
    return layout.root();
  }

  /** Everything the Cassandra JVM printed, across all its starts. */
  public Path logFile() {
    return layout.logFile();
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
      Directories.deleteRecursively(layout.root());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + layout.root(), e);
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // the hook is running or about to; it finds the node closed
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
