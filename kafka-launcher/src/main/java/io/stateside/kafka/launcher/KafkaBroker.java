package io.stateside.kafka.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Kafka broker (KRaft: broker and controller in one process) in a JVM of its own,
 * on loopback. It can be stopped, or killed, and started again on the same directory and ports:
 * clients reconnect to the same bootstrap address and find their topics, records and committed
 * offsets.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(KafkaSettings.forTests())) {
 *   String bootstrapServers = kafka.bootstrapServers();
 *   ...
 * }
 * }</pre>
 *
 * <p>A throwaway broker ({@link KafkaSettings#forTests()}) never outlives its launcher: {@link
 * #close()} kills it and deletes its directory, a shutdown hook does the same when the JVM exits,
 * and the broker halts itself if the launching JVM is killed.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

  private final KafkaSettings settings;
  private final BrokerLayout layout;
  private final Thread cleanupOnExit;
  private final AtomicBoolean closed = new AtomicBoolean();
  // volatile: the shutdown hook reads it without the lock, which start() may hold for a while
  private volatile Process process;

  private KafkaBroker(KafkaSettings settings) {
    this.settings = settings;
    this.layout = new BrokerLayout(settings.directory());
    this.cleanupOnExit = new Thread(this::cleanUpAtJvmExit, "stateside-kafka-cleanup");
  }

  /** Writes the broker's configuration; {@link #start()} runs it. */
  public static KafkaBroker create(KafkaSettings settings) throws IOException {
    KafkaBroker broker = new KafkaBroker(settings);
    BrokerConfigWriter.write(settings, broker.layout);
    if (settings.ephemeral()) {
      Runtime.getRuntime().addShutdownHook(broker.cleanupOnExit);
    }
    return broker;
  }

  /** Creates and starts a broker; returns once it serves clients. A broker that fails to start is closed. */
  public static KafkaBroker start(KafkaSettings settings) throws IOException, InterruptedException {
    KafkaBroker broker = create(settings);
    try {
      broker.start();
      return broker;
    } catch (IOException | InterruptedException | RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** Starts the broker, or does nothing if it runs; returns once it serves clients. */
  public synchronized void start() throws IOException, InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("Kafka broker in " + layout.root() + " is closed");
    }
    if (isRunning()) {
      return;
    }
    Path logFile = layout.logFile();
    long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
    ProcessBuilder builder = new ProcessBuilder(BrokerCommand.of(settings, layout))
        .directory(layout.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    log.info("Starting Kafka on {} (controller port {}) in {}", bootstrapServers(), settings.controllerPort(),
        layout.root());
    long startedAt = System.nanoTime();
    process = builder.start();
    try {
      new ReadinessWatch(process, logFile, logOffset, address()).awaitReady(settings.startupTimeout());
    } catch (IOException | InterruptedException | RuntimeException e) {
      ProcessStopper.kill(process.toHandle());
      process = null;
      throw e;
    }
    log.info("Kafka ready on {} (pid {}) after {} ms", bootstrapServers(), process.pid(),
        (System.nanoTime() - startedAt) / 1_000_000);
  }

  /** Stops the broker gracefully (it closes its logs cleanly); its data stays for the next start. */
  public synchronized void stop() {
    if (process != null) {
      log.info("Stopping Kafka on {} (pid {})", bootstrapServers(), process.pid());
      ProcessStopper.stop(process.toHandle(), settings.shutdownTimeout());
      process = null;
    }
  }

  /**
   * Kills the broker like a crash would (SIGKILL). What it acknowledged is in the operating
   * system's page cache and comes back at the next start, after Kafka's log recovery.
   */
  public synchronized void kill() {
    if (process != null) {
      log.info("Killing Kafka on {} (pid {})", bootstrapServers(), process.pid());
      ProcessStopper.kill(process.toHandle());
      process = null;
    }
  }

  /**
   * Ends the broker: a throwaway broker is killed (its data is about to go) and its directory
   * deleted; a broker for local use is stopped gracefully and keeps its directory.
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

  /** {@code host:port}, the form of {@code bootstrap.servers} (and of {@code KAFKA_BOOTSTRAP_SERVERS}). */
  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  public int port() {
    return settings.port();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(settings.host(), settings.port());
  }

  public Path directory() {
    return layout.root();
  }

  /** Everything the broker JVM printed, across all its starts. */
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
      // the hook is running or about to; it finds the broker closed
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
