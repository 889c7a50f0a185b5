package io.stateside.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The pid of a server left running detached, and its start time: together they tell the server
 * from a later process that reuses its pid.
 */
record PidFile(Path file) {

  void write(ProcessHandle process) throws IOException {
    Files.writeString(file, process.pid() + " " + startMillis(process));
  }

  /** The recorded process, if it is alive and still the one that was started. */
  Optional<ProcessHandle> running() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String[] recorded = Files.readString(file).strip().split(" ");
    long startedAt = recorded.length > 1 ? Long.parseLong(recorded[1]) : 0;
    return ProcessHandle.of(Long.parseLong(recorded[0]))
        .filter(ProcessHandle::isAlive)
        .filter(handle -> startMillis(handle) == startedAt);
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
