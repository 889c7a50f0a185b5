package io.stateside.kafka.launcher;

import io.stateside.launcher.FreePorts;
import io.stateside.launcher.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to run one single-node Kafka broker (KRaft, broker and controller in one
 * process) on loopback.
 *
 * @param directory holds the configuration, the data (log.dirs) and the log of the broker
 * @param ephemeral a throwaway broker: it dies with the JVM that started it and its directory is
 *     deleted on close; a non-ephemeral broker keeps running on its own (local use)
 * @param port the port clients connect to (the PLAINTEXT listener)
 * @param controllerPort the KRaft controller's port; must be free even for a single node
 * @param brokerProperties {@code server.properties} entries added to (or replacing) the launcher's
 * @param serverClasspath the classpath of the broker JVM: kafka_2.13 and its runtime dependencies
 */
public record KafkaSettings(
    Path directory,
    boolean ephemeral,
    String host,
    int port,
    int controllerPort,
    Map<String, String> brokerProperties,
    List<String> jvmOptions,
    String serverClasspath,
    Duration startupTimeout,
    Duration shutdownTimeout) {

  public static final String LOOPBACK = "127.0.0.1";

  /**
   * System property naming a file with the broker JVM's classpath; without it the launcher reads
   * the one its build wrote into its own classes (naming jars in that build's local Maven repository).
   */
  private static final String SERVER_CLASSPATH_FILE_PROPERTY = "stateside.kafka.server-classpath-file";

  private static final String SERVER_CLASSPATH_RESOURCE = "kafka-server.classpath";

  private static final ServerClasspath SERVER_CLASSPATH = new ServerClasspath("Kafka", "kafka_2.13",
      "build kafka-launcher with Maven (`mvn -pl kafka-launcher -am package`), which resolves the broker's jars"
          + " and writes their classpath, or name such a file with the system property " + SERVER_CLASSPATH_FILE_PROPERTY);

  /**
   * A small heap (the broker needs about 200 MB resident for tests), serial GC and C1-only
   * compilation: quick to start and light on a machine shared with other test suites.
   */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
      "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
      "-Djava.awt.headless=true");

  public KafkaSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(serverClasspath, "serverClasspath");
    brokerProperties = Map.copyOf(brokerProperties);
    jvmOptions = List.copyOf(jvmOptions);
    directory = directory.toAbsolutePath();
  }

  /** A throwaway broker in a fresh temporary folder, on free ports. */
  public static KafkaSettings forTests() throws IOException {
    Path directory = Files.createTempDirectory("stateside-kafka-");
    int[] ports = FreePorts.pick(LOOPBACK, 2);
    return new KafkaSettings(directory, true, LOOPBACK, ports[0], ports[1], Map.of(), DEFAULT_JVM_OPTIONS,
        serverClasspathFromBuild(), Duration.ofMinutes(2), Duration.ofSeconds(30));
  }

  /** A broker for local use that outlives the JVM that starts it and keeps its data. */
  public static KafkaSettings forLocalUse(Path directory, int port, int controllerPort) {
    return new KafkaSettings(directory, false, LOOPBACK, port, controllerPort, Map.of(), DEFAULT_JVM_OPTIONS,
        serverClasspathFromBuild(), Duration.ofMinutes(2), Duration.ofSeconds(30));
  }

  /** These settings with one more {@code server.properties} entry, e.g. {@code num.partitions}. */
  public KafkaSettings withBrokerProperty(String name, String value) {
    Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
    properties.put(name, value);
    return new KafkaSettings(directory, ephemeral, host, port, controllerPort, properties, jvmOptions,
        serverClasspath, startupTimeout, shutdownTimeout);
  }

  /** {@code host:port}, the form of {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  private static String serverClasspathFromBuild() {
    String file = System.getProperty(SERVER_CLASSPATH_FILE_PROPERTY);
    try {
      return file != null && !file.isBlank()
          ? SERVER_CLASSPATH.read(Path.of(file))
          : SERVER_CLASSPATH.read(KafkaSettings.class, SERVER_CLASSPATH_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Kafka broker's classpath", e);
    }
  }
}
