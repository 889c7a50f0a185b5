package io.stateside.kafka.launcher;

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
 * {@code start | stop | status} of a Kafka broker for local use, kept in a directory that
 * survives restarts. The broker runs detached: this JVM exits once the broker is ready. Behind
 * {@code bin/kafka}.
 */
public final class KafkaCli {

  private static final String USAGE = "usage: kafka start|stop|status [--dir DIR] [--port PORT]";
  private static final String PORTS_FILE = "stateside-broker.properties";
  private static final String PID_FILE = "kafka.pid";
  private static final int EXIT_NOT_RUNNING = 3;
  private static final int EXIT_USAGE = 2;

  private static final int DEFAULT_PORT = 9092;

  private final Path directory;
  private final Optional<Integer> requestedPort;

  private KafkaCli(Path directory, Optional<Integer> requestedPort) {
    this.directory = directory.toAbsolutePath();
    this.requestedPort = requestedPort;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(EXIT_USAGE);
    }
    Path directory = Path.of("data", "kafka");
    Optional<Integer> port = Optional.empty();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> directory = Path.of(value(args, ++i));
        case "--port" -> port = Optional.of(Integer.parseInt(value(args, ++i)));
        default -> usageError("unknown option " + args[i]);
      }
    }
    KafkaCli cli = new KafkaCli(directory, port);
    int exitCode = switch (args[0]) {
      case "start" -> cli.start();
      case "stop" -> cli.stop();
      case "status" -> cli.status();
      default -> usageError("unknown command " + args[0]);
    };
    System.exit(exitCode);
  }

  private int start() throws IOException, InterruptedException {
    Optional<ProcessHandle> running = runningBroker();
    BrokerPorts ports = BrokerPorts.load(directory.resolve(PORTS_FILE), requestedPort);
    if (running.isPresent()) {
      System.out.printf("Kafka already running on %s:%d (pid %d)%n", KafkaSettings.LOOPBACK, ports.port(),
          running.get().pid());
      return 0;
    }
    ports.save(directory.resolve(PORTS_FILE));
    KafkaBroker broker = KafkaBroker.create(KafkaSettings.forLocalUse(directory, ports.port(), ports.controllerPort()));
    broker.start();
    long pid = broker.pid().orElseThrow();
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    // The start time beside the pid tells this broker from a later process that reuses its pid.
    Files.writeString(directory.resolve(PID_FILE),
        pid + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    System.out.printf("Kafka running on %s (pid %d)%n  KAFKA_BOOTSTRAP_SERVERS=%s%n  data: %s%n  log:  %s%n",
        broker.bootstrapServers(), pid, broker.bootstrapServers(), directory, broker.logFile());
    return 0;
  }

  private int stop() throws IOException {
    Optional<ProcessHandle> running = runningBroker();
    if (running.isEmpty()) {
      System.out.println("Kafka is not running in " + directory);
      Files.deleteIfExists(directory.resolve(PID_FILE));
      return 0;
    }
    System.out.println("Stopping Kafka (pid " + running.get().pid() + ")...");
    ProcessStopper.stop(running.get(), Duration.ofSeconds(30));
    Files.deleteIfExists(directory.resolve(PID_FILE));
    System.out.println("Kafka stopped; data kept in " + directory);
    return 0;
  }

  private int status() throws IOException {
    Optional<ProcessHandle> running = runningBroker();
    if (running.isEmpty()) {
      System.out.println("Kafka is not running in " + directory);
      return EXIT_NOT_RUNNING;
    }
    int port = BrokerPorts.load(directory.resolve(PORTS_FILE), requestedPort).port();
    String state = acceptsConnections(port) ? "serving clients" : "running, not serving clients yet";
    System.out.printf("Kafka %s on %s:%d (pid %d)%n", state, KafkaSettings.LOOPBACK, port, running.get().pid());
    return 0;
  }

  /** The process in the pid file, if it is alive and still the one that was started (pids get reused). */
  private Optional<ProcessHandle> runningBroker() throws IOException {
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
      socket.connect(new InetSocketAddress(KafkaSettings.LOOPBACK, port), 1000);
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

  /** The broker's ports, kept beside its data so a restart binds the same ones. */
  private record BrokerPorts(int port, int controllerPort) {

    /** The requested client port, else the saved one, else 9092; the saved controller port, else a free one. */
    static BrokerPorts load(Path file, Optional<Integer> requestedPort) throws IOException {
      Properties saved = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          saved.load(in);
        }
      }
      String savedPort = saved.getProperty("port");
      int port = requestedPort.orElse(savedPort != null ? Integer.parseInt(savedPort) : DEFAULT_PORT);
      String controllerPort = saved.getProperty("controller_port");
      return new BrokerPorts(port, controllerPort != null
          ? Integer.parseInt(controllerPort)
          : FreePorts.pick(KafkaSettings.LOOPBACK, 1)[0]);
    }

    void save(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      Properties properties = new Properties();
      properties.setProperty("port", Integer.toString(port));
      properties.setProperty("controller_port", Integer.toString(controllerPort));
      try (OutputStream out = Files.newOutputStream(file)) {
        properties.store(out, "Ports of the local Kafka broker");
      }
    }
  }
}
