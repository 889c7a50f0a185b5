package io.stateside.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Waits until a starting server serves clients: its log shows every marker the launcher names
 * (the lines a server writes at the end of its startup) and its port accepts connections. Fails
 * early when the process dies, with the end of its log.
 */
final class ReadinessWatch {

  private static final long POLL_MILLIS = 200;
  private static final int LOG_TAIL_LINES = 60;

  private final String serverName;
  private final Process process;
  private final Path logFile;
  private final long logOffset;
  private final InetSocketAddress address;
  private final List<String> markers;
  private final Function<String, ? extends RuntimeException> startFailure;

  /**
   * @param serverName names the server in the failure's message, e.g. {@code Kafka}
   * @param logOffset where this start's output begins in the log file, which earlier runs may share
   * @param markers log lines that must all appear before the server counts as ready
   * @param startFailure the exception to throw, from its message, when the server dies or is late
   */
  ReadinessWatch(String serverName, Process process, Path logFile, long logOffset, InetSocketAddress address,
      List<String> markers, Function<String, ? extends RuntimeException> startFailure) {
    this.serverName = serverName;
    this.process = process;
    this.logFile = logFile;
    this.logOffset = logOffset;
    this.address = address;
    this.markers = List.copyOf(markers);
    this.startFailure = startFailure;
  }

  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean announced = markers.isEmpty();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw startFailure.apply(serverName + " exited with code " + process.exitValue()
            + " before it was ready. End of " + logFile + ":\n" + tail());
      }
      announced = announced || containsAll(logSinceStart());
      if (announced && PortProbe.acceptsConnections(address)) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw startFailure.apply(serverName + " was not ready within " + timeout + ". End of " + logFile
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

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
