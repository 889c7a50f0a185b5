package io.stateside.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code start | stop | status} of one server for local use, kept in a directory that survives
 * restarts: the command line behind {@code bin/cassandra} and {@code bin/kafka}. {@code start}
 * returns once the server is ready and leaves it running detached; its pid and ports stay in the
 * directory for the next command.
 */
public final class LocalServerCli {

  private static final int EXIT_USAGE = 2;
  private static final int EXIT_NOT_RUNNING = 3;

  /**
   * What tells one server's command line from another's.
   *
   * @param command the command's name: in the usage line, and naming the pid file
   *     ({@code <command>.pid}) and the default directory ({@code data/<command>})
   * @param serverName names the server in messages, e.g. {@code Cassandra}
   * @param served what clients get on the port, for {@code status}: "serving CQL"
   * @param host where the server listens
   * @param defaultPort the client port when neither {@code --port} nor an earlier start chose one
   * @param ports the file that keeps the ports in the server's directory
   * @param stopTimeout how long a graceful stop may take before the server is killed
   */
  public record Spec(String command, String serverName, String served, String host, int defaultPort,
      PortsFile ports, Duration stopTimeout) {}

  /** Starts the server for local use on these ports; returns once it is ready. */
  @FunctionalInterface
  public interface Launcher {
    Started start(Path directory, int port, int otherPort) throws IOException, InterruptedException;
  }

  /**
   * A server that {@code start} leaves running.
   *
   * @param address {@code host:port}, where clients connect
   * @param notes more lines for the report, e.g. the environment variable that points the proxy at it
   */
  public record Started(long pid, String address, Path logFile, List<String> notes) {
    public Started {
      notes = List.copyOf(notes);
    }
  }

  private final Spec spec;
  private final Path directory;
  private final Optional<Integer> requestedPort;
  private final PidFile pidFile;

  private LocalServerCli(Spec spec, Path directory, Optional<Integer> requestedPort) {
    this.spec = spec;
    this.directory = directory.toAbsolutePath();
    this.requestedPort = requestedPort;
    this.pidFile = new PidFile(this.directory.resolve(spec.command() + ".pid"));
  }

  /** Runs {@code args} ({@code start|stop|status [--dir DIR] [--port PORT]}) and exits the JVM. */
  public static void run(Spec spec, Launcher launcher, String[] args) throws IOException, InterruptedException {
    if (args.length == 0) {
      System.err.println(usage(spec));
      System.exit(EXIT_USAGE);
    }
    Path directory = Path.of("data", spec.command());
    Optional<Integer> port = Optional.empty();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> directory = Path.of(value(spec, args, ++i));
        case "--port" -> port = Optional.of(Integer.parseInt(value(spec, args, ++i)));
        default -> usageError(spec, "unknown option " + args[i]);
      }
    }
    LocalServerCli cli = new LocalServerCli(spec, directory, port);
    int exitCode = switch (args[0]) {
      case "start" -> cli.start(launcher);
      case "stop" -> cli.stop();
      case "status" -> cli.status();
      default -> usageError(spec, "unknown command " + args[0]);
    };
    System.exit(exitCode);
  }

  private int start(Launcher launcher) throws IOException, InterruptedException {
    Optional<ProcessHandle> running = pidFile.running();
    PortsFile.Ports ports = loadPorts();
    if (running.isPresent()) {
      System.out.printf("%s already running on %s:%d (pid %d)%n", spec.serverName(), spec.host(), ports.port(),
          running.get().pid());
      return 0;
    }
    spec.ports().save(directory, ports, spec.serverName() + "'s ports, bound again at each start");
    Started server = launcher.start(directory, ports.port(), ports.otherPort());
    pidFile.write(ProcessHandle.of(server.pid()).orElseThrow());
    StringBuilder report = new StringBuilder()
        .append(spec.serverName()).append(" running on ").append(server.address())
        .append(" (pid ").append(server.pid()).append(")\n");
    server.notes().forEach(note -> report.append("  ").append(note).append('\n'));
    report.append("  data: ").append(directory).append('\n')
        .append("  log:  ").append(server.logFile()).append('\n');
    System.out.print(report);
    return 0;
  }

  private int stop() throws IOException {
    Optional<ProcessHandle> running = pidFile.running();
    if (running.isEmpty()) {
      System.out.println(spec.serverName() + " is not running in " + directory);
      pidFile.delete();
      return 0;
    }
    System.out.println("Stopping " + spec.serverName() + " (pid " + running.get().pid() + ")...");
    ProcessStopper.stop(running.get(), spec.stopTimeout());
    pidFile.delete();
    System.out.println(spec.serverName() + " stopped; data kept in " + directory);
    return 0;
  }

  private int status() throws IOException {
    Optional<ProcessHandle> running = pidFile.running();
    if (running.isEmpty()) {
      System.out.println(spec.serverName() + " is not running in " + directory);
      return EXIT_NOT_RUNNING;
    }
    int port = loadPorts().port();
    String state = PortProbe.acceptsConnections(new InetSocketAddress(spec.host(), port))
        ? "serving " + spec.served()
        : "running, not serving " + spec.served() + " yet";
    System.out.printf("%s %s on %s:%d (pid %d)%n", spec.serverName(), state, spec.host(), port, running.get().pid());
    return 0;
  }

  private PortsFile.Ports loadPorts() throws IOException {
    return spec.ports().load(directory, requestedPort, spec.defaultPort(), spec.host());
  }

  private static String value(Spec spec, String[] args, int index) {
    if (index >= args.length) {
      usageError(spec, args[index - 1] + " needs a value");
    }
    return args[index];
  }

  private static int usageError(Spec spec, String problem) {
    System.err.println(problem);
    System.err.println(usage(spec));
    System.exit(EXIT_USAGE);
    return EXIT_USAGE;
  }

  private static String usage(Spec spec) {
    return "usage: " + spec.command() + " start|stop|status [--dir DIR] [--port PORT]";
  }
}
