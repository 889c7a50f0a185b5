package io.stateside.bench.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the processes a benchmark involves (the proxy, the user function, the generator
 * itself) and the machine, so that each run can report CPU time per request, memory, and how
 * busy the rest of the machine was meanwhile.
 */
public final class ResourceMonitor {

  private final Map<String, Long> pids;

  /**
   * @param pids the processes to watch by role, for example {@code proxy}; the generator's own
   *     process is always added as {@code generator}
   */
  public ResourceMonitor(Map<String, Long> pids) {
    Map<String, Long> all = new LinkedHashMap<>(pids);
    all.put("generator", ProcessHandle.current().pid());
    this.pids = Map.copyOf(all);
  }

  /** A monitor that only watches the generator (when the other processes are not known). */
  public static ResourceMonitor generatorOnly() {
    return new ResourceMonitor(Map.of());
  }

  public Snapshot snapshot() {
    Map<String, ProcessSample> processes = new LinkedHashMap<>();
    pids.forEach((role, pid) -> ProcessSample.of(pid).ifPresent(sample -> processes.put(role, sample)));
    return new Snapshot(System.nanoTime(), processes, MachineSample.now());
  }

  /** The state of the watched processes at one moment. */
  public record Snapshot(long nanoTime, Map<String, ProcessSample> processes, Optional<MachineSample> machine) {}

  /** What the watched processes used between two snapshots, for {@code requests} requests. */
  public static Usage between(Snapshot start, Snapshot end, long requests) {
    double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
    Map<String, ProcessUsage> processes = new LinkedHashMap<>();
    double watchedCores = 0;
    for (Map.Entry<String, ProcessSample> entry : end.processes().entrySet()) {
      ProcessSample before = start.processes().get(entry.getKey());
      if (before == null) {
        continue;
      }
      ProcessSample after = entry.getValue();
      Duration cpu = after.cpu().minus(before.cpu());
      double cores = seconds > 0 ? cpu.toNanos() / 1e9 / seconds : 0;
      watchedCores += cores;
      processes.put(entry.getKey(), new ProcessUsage(
          cpu.toNanos() / 1e3 / Math.max(1, requests), cores, after.residentBytes(), after.peakResidentBytes()));
    }
    Optional<Double> machineCores = Optional.empty();
    Optional<Double> otherCores = Optional.empty();
    Optional<Double> loadAverage = Optional.empty();
    if (start.machine().isPresent() && end.machine().isPresent() && seconds > 0) {
      double busy = (end.machine().get().busyTicks() - start.machine().get().busyTicks())
          / (double) MachineSample.TICKS_PER_SECOND / seconds;
      machineCores = Optional.of(busy);
      otherCores = Optional.of(Math.max(0, busy - watchedCores));
      loadAverage = Optional.of(end.machine().get().loadAverage());
    }
    return new Usage(seconds, processes, machineCores, otherCores, loadAverage);
  }

  /**
   * @param cpuMicrosPerRequest CPU time of the process per request handled, in microseconds
   * @param cores the process's average CPU use over the window, in cores
   * @param residentBytes its resident memory at the end of the window
   * @param peakResidentBytes its highest resident memory so far
   */
  public record ProcessUsage(double cpuMicrosPerRequest, double cores, long residentBytes, long peakResidentBytes) {}

  /**
   * @param seconds the window's length
   * @param processes usage per watched role
   * @param machineCores average busy cores of the whole machine
   * @param otherCores busy cores not explained by the watched processes: other work on the machine
   * @param loadAverage the machine's one-minute load average at the end
   */
  public record Usage(
      double seconds,
      Map<String, ProcessUsage> processes,
      Optional<Double> machineCores,
      Optional<Double> otherCores,
      Optional<Double> loadAverage) {}
}
