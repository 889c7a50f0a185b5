package io.stateside.cassandra.launcher;

import io.stateside.launcher.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to run one single-node Cassandra on loopback.
 *
 * @param directory holds the configuration, the data, the commit log and the log of the node
 * @param ephemeral a throwaway node: it dies with the JVM that started it and its directory is
 *     deleted on close; a non-ephemeral node keeps running on its own (local use)
 * @param nativePort the CQL port clients connect to
 * @param storagePort the inter-node port; must be free even for a single node
 * @param passwordAuthentication turn on Cassandra's password authenticator (user {@code
 *     cassandra}, password {@code cassandra})
 */
public record CassandraSettings(
    Path directory,
    boolean ephemeral,
    String host,
    int nativePort,
    int storagePort,
    boolean passwordAuthentication,
    List<String> jvmOptions,
    Path serverClasspathFile,
    Duration startupTimeout,
    Duration shutdownTimeout) {

  /** System property naming the file that holds the Cassandra server classpath. */
  public static final String SERVER_CLASSPATH_FILE_PROPERTY = "stateside.cassandra.server-classpath-file";

  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Heap as in DESIGN §7; serial GC and C1-only compilation keep the node light on a small machine
   * shared with other test suites, at the cost of peak throughput nobody needs here.
   */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

  public CassandraSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(serverClasspathFile, "serverClasspathFile");
    jvmOptions = List.copyOf(jvmOptions);
    directory = directory.toAbsolutePath();
  }

  /** A throwaway node in a fresh temporary folder, on free ports. */
  public static CassandraSettings forTests() throws IOException {
    Path directory = Files.createTempDirectory("stateside-cassandra-");
    int[] ports = FreePorts.pick(LOOPBACK, 2);
    return new CassandraSettings(directory, true, LOOPBACK, ports[0], ports[1], false,
        DEFAULT_JVM_OPTIONS, serverClasspathFileFromSystemProperty(),
        Duration.ofMinutes(3), Duration.ofSeconds(60));
  }

  /** A node for local use that outlives the JVM that starts it and keeps its data. */
  public static CassandraSettings forLocalUse(Path directory, int nativePort, int storagePort) {
    return new CassandraSettings(directory, false, LOOPBACK, nativePort, storagePort, false,
        DEFAULT_JVM_OPTIONS, serverClasspathFileFromSystemProperty(),
        Duration.ofMinutes(3), Duration.ofSeconds(60));
  }

  public CassandraSettings withPasswordAuthentication(boolean enabled) {
    return new CassandraSettings(directory, ephemeral, host, nativePort, storagePort, enabled,
        jvmOptions, serverClasspathFile, startupTimeout, shutdownTimeout);
  }

  private static Path serverClasspathFileFromSystemProperty() {
    String file = System.getProperty(SERVER_CLASSPATH_FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      throw new IllegalStateException("System property " + SERVER_CLASSPATH_FILE_PROPERTY
          + " is not set. It names the Cassandra server classpath file that the proxy-cassandra build"
          + " writes (target/cassandra-server.classpath); run `mvn -pl proxy-cassandra package` to create it.");
    }
    return Path.of(file);
  }
}
