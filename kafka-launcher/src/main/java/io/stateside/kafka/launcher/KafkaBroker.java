package io.stateside.kafka.launcher;

import io.stateside.launcher.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  /** Logged by {@code KafkaRaftServer} as the last step of its startup, once the broker is registered and unfenced. */
  static final String READY_MARKER = "Kafka Server started";

  private final KafkaSettings settings;
  private final BrokerLayout layout;
  private final ServerProcess process;

  private KafkaBroker(KafkaSettings settings, BrokerLayout layout, ServerProcess process) {
    this.settings = settings;
    this.layout = layout;
    this.process = process;
  }

  /** Writes the broker's configuration; {@link #start()} runs it. */
  public static KafkaBroker create(KafkaSettings settings) throws IOException {
    BrokerLayout layout = new BrokerLayout(settings.directory());
    BrokerConfigWriter.write(settings, layout);
    ServerProcess.Spec spec = new ServerProcess.Spec("Kafka", new InetSocketAddress(settings.host(), settings.port()),
        "controller port " + settings.controllerPort(), layout.root(), layout.logFile(), settings.ephemeral(),
        settings.startupTimeout(), settings.shutdownTimeout());
    return new KafkaBroker(settings, layout, ServerProcess.create(spec, KafkaStartException::new, log::info));
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

  /**
   * Starts the broker, or does nothing if it runs; returns once it serves clients. A broker that
   * exits or is not ready in time fails the start with a {@link KafkaStartException}.
   */
  public void start() throws IOException, InterruptedException {
    process.start(() -> BrokerCommand.of(settings, layout), List.of(READY_MARKER));
  }

  /** Stops the broker gracefully (it closes its logs cleanly); its data stays for the next start. */
  public void stop() {
    process.stop();
  }

  /**
   * Kills the broker like a crash would (SIGKILL). What it acknowledged is in the operating
   * system's page cache and comes back at the next start, after Kafka's log recovery.
   */
  public void kill() {
    process.kill();
  }

  /**
   * Ends the broker: a throwaway broker is killed (its data is about to go) and its directory
   * deleted; a broker for local use is stopped gracefully and keeps its directory.
   */
  @Override
  public void close() {
    process.close();
  }

  public boolean isRunning() {
    return process.isRunning();
  }

  public Optional<Long> pid() {
    return process.pid();
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
}
