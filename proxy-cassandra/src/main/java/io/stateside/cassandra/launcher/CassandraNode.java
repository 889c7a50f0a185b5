package io.stateside.cassandra.launcher;

import io.stateside.launcher.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  /** Logged by Cassandra once the native transport is bound, the last step of its startup. */
  static final String CQL_READY_MARKER = "Starting listening for CQL clients";

  /**
   * Logged on a node's first start, shortly after the native transport may already listen; until
   * then a password login fails.
   */
  static final String SUPERUSER_READY_MARKER = "Created default superuser role";

  private final CassandraSettings settings;
  private final NodeLayout layout;
  private final ServerProcess process;
  private boolean started;

  private CassandraNode(CassandraSettings settings, NodeLayout layout, ServerProcess process) {
    this.settings = settings;
    this.layout = layout;
    this.process = process;
  }

  /** Writes the node's configuration; {@link #start()} runs it. */
  public static CassandraNode create(CassandraSettings settings) throws IOException {
    NodeLayout layout = new NodeLayout(settings.directory());
    NodeConfigWriter.write(settings, layout);
    ServerProcess.Spec spec = new ServerProcess.Spec("Cassandra",
        new InetSocketAddress(settings.host(), settings.nativePort()), "storage port " + settings.storagePort(),
        layout.root(), layout.logFile(), settings.ephemeral(), settings.startupTimeout(), settings.shutdownTimeout());
    return new CassandraNode(settings, layout, ServerProcess.create(spec, CassandraStartException::new, log::info));
  }

  /**
   * Starts the node, or does nothing if it runs; returns once it serves CQL. A node that exits or
   * is not ready in time fails the start with a {@link CassandraStartException}.
   */
  public synchronized void start() throws IOException, InterruptedException {
    process.start(() -> DaemonCommand.of(settings, layout), readinessMarkers());
    started = true;
  }

  /** The superuser exists from the first start on; later starts find it in the data. */
  private List<String> readinessMarkers() {
    return settings.passwordAuthentication() && !started
        ? List.of(CQL_READY_MARKER, SUPERUSER_READY_MARKER)
        : List.of(CQL_READY_MARKER);
  }

  /** Stops the node gracefully (Cassandra drains and flushes); its data stays for the next start. */
  public void stop() {
    process.stop();
  }

  /** Kills the node like a crash would; acknowledged writes come back from the commit log on the next start. */
  public void kill() {
    process.kill();
  }

  /**
   * Ends the node: a throwaway node is killed (its data is about to go) and its directory deleted; a
   * node for local use is stopped gracefully and keeps its directory.
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
}
