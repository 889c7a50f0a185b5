package io.stateside.cassandra.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits until a starting node serves CQL: its log announces the native transport (and whatever
 * else the caller needs, such as the default superuser) and the port accepts connections. Fails
 * early when the process dies, with the end of its log.
 */
final class ReadinessWatch {

  /** Logged by Cassandra once the native transport is bound, the last step of its startup. */
  static final String CQL_READY_MARKER = "Starting listening for CQL clients";

  /**
   * Logged on a node's first start, shortly after the native transport may already listen; until
   * then a password login fails.
   */
  static final String SUPERUSER_READY_MARKER = "Created default superuser role";

  private static final long POLL_MILLIS = 200;
  private static final int LOG_TAIL_LINES = 60;

  private final Process process;
  private final Path logFile;
  private final long logOffset;
  private final InetSocketAddress nativeAddress;
  private final List<String> markers;

  /**
   * @param logOffset where this start's output begins in the log file, which earlier runs may share
   * @param markers log lines that must all appear before the node counts as ready
   */
  ReadinessWatch(Process process, Path logFile, long logOffset, InetSocketAddress nativeAddress, List<String> markers) {
    this.process = process;
    this.logFile = logFile;
    this.logOffset = logOffset;
    this.nativeAddress = nativeAddress;
    this.markers = List.copyOf(markers);
  }

  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean announced = markers.isEmpty();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new CassandraStartException("Cassandra exited with code " + process.exitValue()
            + " before it was ready. End of " + logFile + ":\n" + tail());
      }
      announced = announced || containsAll(logSinceStart());
      if (announced && acceptsConnections()) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new CassandraStartException("Cassandra was not ready within " + timeout + ". End of " + logFile
        + ":\n" + tail());
  }

  private boolean containsAll(String log) {
    return markers.stream().allMatch(log::contains);
  }

  private String logSinceStart() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      if (length <= logOffset) {
        return "";
      }
      byte[] bytes = new byte[(int) (length - logOffset)];
      file.seek(logOffset);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(nativeAddress, 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
