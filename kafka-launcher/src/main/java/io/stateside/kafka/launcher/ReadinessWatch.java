package io.stateside.kafka.launcher;

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
 * Waits until a starting broker serves clients: its log says the server started (which KRaft
 * logs once the broker is registered with its controller and unfenced) and its port accepts
 * connections. Fails early when the process dies, with the end of its log.
 */
final class ReadinessWatch {

  /** Logged by {@code KafkaRaftServer} as the last step of its startup. */
  static final String READY_MARKER = "Kafka Server started";

  private static final long POLL_MILLIS = 200;
  private static final int LOG_TAIL_LINES = 60;

  private final Process process;
  private final Path logFile;
  private final long logOffset;
  private final InetSocketAddress address;

  /** @param logOffset where this start's output begins in the log file, which earlier runs may share */
  ReadinessWatch(Process process, Path logFile, long logOffset, InetSocketAddress address) {
    this.process = process;
    this.logFile = logFile;
    this.logOffset = logOffset;
    this.address = address;
  }

  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean announced = false;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new KafkaStartException("Kafka exited with code " + process.exitValue() + " before it was ready. End of "
            + logFile + ":\n" + tail());
      }
      announced = announced || logSinceStart().contains(READY_MARKER);
      if (announced && acceptsConnections()) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new KafkaStartException("Kafka was not ready within " + timeout + ". End of " + logFile + ":\n" + tail());
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
      socket.connect(address, 1000);
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
