package io.stateside.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A process's CPU time so far and its memory, read from {@code /proc} (Linux).
 *
 * @param cpu user plus system time of all its threads so far
 * @param residentBytes resident set size now ({@code VmRSS})
 * @param peakResidentBytes highest resident set size so far ({@code VmHWM})
 */
public record ProcessSample(Duration cpu, long residentBytes, long peakResidentBytes) {

  /** @return the sample, or empty if the process is gone or {@code /proc} cannot be read */
  public static Optional<ProcessSample> of(long pid) {
    Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    if (cpu.isEmpty()) {
      return Optional.empty();
    }
    try {
      String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
      return Optional.of(new ProcessSample(cpu.get(), kilobytes(status, "VmRSS:") * 1024, kilobytes(status, "VmHWM:") * 1024));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Reads a {@code Name:   1234 kB} line of {@code /proc/<pid>/status}. */
  static long kilobytes(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).strip().split("\\s+");
        return Long.parseLong(parts[0]);
      }
    }
    return 0;
  }
}
