package io.stateside.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole machine's CPU counters from the first line of {@code /proc/stat}, in clock ticks.
 *
 * @param busyTicks time spent neither idle nor waiting for I/O, summed over all CPUs
 * @param loadAverage the one-minute load average at that moment
 */
public record MachineSample(long busyTicks, double loadAverage) {

  /** Clock ticks per second of {@code /proc/stat}: USER_HZ, 100 on Linux. */
  public static final int TICKS_PER_SECOND = 100;

  public static Optional<MachineSample> now() {
    try {
      String cpuLine = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] fields = cpuLine.strip().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
      return Optional.of(new MachineSample(busy, load));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
