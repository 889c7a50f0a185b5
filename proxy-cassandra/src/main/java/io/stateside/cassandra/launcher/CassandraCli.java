package io.stateside.cassandra.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code start | stop | status} of a Cassandra for local use, kept in a directory that survives
 * restarts. The node runs detached: this JVM exits once the node is ready. Behind {@code bin/cassandra}.
 */
public final class CassandraCli {

  private static final String USAGE = "usage: cassandra start|stop|status [--dir DIR] [--port PORT]";
  private static final String NODE_FILE = "stateside-node.properties";
  private static final String PID_FILE = "cassandra.pid";
  private static final int EXIT_NOT_RUNNING = 3;
  private static final int EXIT_USAGE = 2;

  private static final int DEFAULT_PORT = 9042;

  private final Path directory;
  private final Optional<Integer> requestedPort;

  private CassandraCli(Path directory, Optional<Integer> requestedPort) {
    this.directory = directory.toAbsolutePath();
    this.requestedPort = requestedPort;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(EXIT_USAGE);
    }
    Path directory = Path.of("data", "cassandra");
    Optional<Integer> port = Optional.empty();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> directory = Path.of(value(args, ++i));
        case "--port" -> port = Optional.of(Integer.parseInt(value(args, ++i)));
        default -> usageError("unknown option " + args[i]);
      }
    }
    CassandraCli cli = new CassandraCli(directory, port);
    int exitCode = switch (args[0]) {
      case "start" -> cli.start();
      case "stop" -> cli.stop();
      case "status" -> cli.status();
      default -> usageError("unknown command " + args[0]);
    };
    System.exit(exitCode);
  }

  private int start() throws IOException, InterruptedException {
    Optional<ProcessHandle> running = runningNode();
    NodePorts ports = NodePorts.load(directory.resolve(NODE_FILE), requestedPort);
    if (running.isPresent()) {
      System.out.printf("Cassandra already running on %s:%d (pid %d)%n", CassandraSettings.LOOPBACK,
          ports.nativePort(), running.get().pid());
      return 0;
    }
    ports.save(directory.resolve(NODE_FILE));
    CassandraNode node = CassandraNode.create(
        CassandraSettings.forLocalUse(directory, ports.nativePort(), ports.storagePort()));
    node.start();
    long pid = node.pid().orElseThrow();
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    // The start time beside the pid tells this node from a later process that reuses its pid.
    Files.writeString(directory.resolve(PID_FILE),
        pid + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    System.out.printf("Cassandra running on %s (pid %d)%n  data: %s%n  log:  %s%n",
        node.contactPoint(), pid, directory, node.logFile());
    return 0;
  }

  private int stop() throws IOException {
    Optional<ProcessHandle> running = runningNode();
    if (running.isEmpty()) {
      System.out.println("Cassandra is not running in " + directory);
      Files.deleteIfExists(directory.resolve(PID_FILE));
      return 0;
    }
    System.out.println("Stopping Cassandra (pid " + running.get().pid() + ")...");
    ProcessStopper.stop(running.get(), Duration.ofSeconds(60));
    Files.deleteIfExists(directory.resolve(PID_FILE));
    System.out.println("Cassandra stopped; data kept in " + directory);
    return 0;
  }

  private int status() throws IOException {
    Optional<ProcessHandle> running = runningNode();
    if (running.isEmpty()) {
      System.out.println("Cassandra is not running in " + directory);
      return EXIT_NOT_RUNNING;
    }
    int port = NodePorts.load(directory.resolve(NODE_FILE), requestedPort).nativePort();
    String state = acceptsConnections(port) ? "serving CQL" : "running, not serving CQL yet";
    System.out.printf("Cassandra %s on %s:%d (pid %d)%n", state, CassandraSettings.LOOPBACK, port,
        running.get().pid());
    return 0;
  }

  /** The process in the pid file, if it is alive and still the one that was started (pids get reused). */
  private Optional<ProcessHandle> runningNode() throws IOException {
    Path pidFile = directory.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String[] recorded = Files.readString(pidFile).strip().split(" ");
    long startedAt = recorded.length > 1 ? Long.parseLong(recorded[1]) : 0;
    return ProcessHandle.of(Long.parseLong(recorded[0]))
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == startedAt);
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(CassandraSettings.LOOPBACK, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      usageError(args[index - 1] + " needs a value");
    }
    return args[index];
  }

  private static int usageError(String problem) {
    System.err.println(problem);
    System.err.println(USAGE);
    System.exit(EXIT_USAGE);
    return EXIT_USAGE;
  }

  /** The node's ports, kept beside its data so a restart binds the same ones. */
  private record NodePorts(int nativePort, int storagePort) {

    /** The requested CQL port, else the saved one, else 9042; the saved storage port, else a free one. */
    static NodePorts load(Path file, Optional<Integer> requestedNativePort) throws IOException {
      Properties saved = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          saved.load(in);
        }
      }
      String savedNativePort = saved.getProperty("native_port");
      int nativePort = requestedNativePort.orElse(
          savedNativePort != null ? Integer.parseInt(savedNativePort) : DEFAULT_PORT);
      String storagePort = saved.getProperty("storage_port");
      return new NodePorts(nativePort, storagePort != null
          ? Integer.parseInt(storagePort)
          : FreePorts.pick(CassandraSettings.LOOPBACK, 1)[0]);
    }

    void save(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      Properties properties = new Properties();
      properties.setProperty("native_port", Integer.toString(nativePort));
      properties.setProperty("storage_port", Integer.toString(storagePort));
      try (OutputStream out = Files.newOutputStream(file)) {
        properties.store(out, "Ports of the local Cassandra node");
      }
    }
  }
}
