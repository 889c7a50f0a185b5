package io.stateside.bench.report;

import io.stateside.bench.load.RunResult;
import io.stateside.bench.metrics.ResourceMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns run results into the two report forms: text tables for people and JSON for tools. */
public final class ResultReport {

  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private ResultReport() {}

  /** @return one run as a JSON-ready map */
  public static Map<String, Object> toMap(RunResult result) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("name", result.plan().name());
    run.put("target", result.plan().target());
    run.put("workload", result.plan().workload());
    run.put("entities", result.plan().entities());
    run.put("inFlight", result.plan().inFlight());
    run.put("warmupSeconds", result.plan().warmup().toMillis() / 1000.0);
    run.put("seconds", result.seconds());
    run.put("succeeded", result.succeeded());
    run.put("errors", result.errors());
    run.put("unfinished", result.unfinished());
    run.put("throughputPerSecond", result.throughput());
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("count", result.latency().getTotalCount());
    latency.put("mean", result.meanLatencyMillis());
    for (double percentile : PERCENTILES) {
      latency.put("p" + formatPercentile(percentile), result.latencyMillis(percentile));
    }
    latency.put("max", result.maxLatencyMillis());
    run.put("latencyMillis", latency);
    run.put("freshActivations", result.freshActivations());
    run.put("wrongValues", result.wrongValues());
    Map<String, Object> processes = new LinkedHashMap<>();
    result.usage().processes().forEach((role, usage) -> {
      Map<String, Object> process = new LinkedHashMap<>();
      process.put("cpuMicrosPerRequest", usage.cpuMicrosPerRequest());
      process.put("cpuCores", usage.cores());
      process.put("residentMb", megabytes(usage.residentBytes()));
      process.put("peakResidentMb", megabytes(usage.peakResidentBytes()));
      processes.put(role, process);
    });
    run.put("processes", processes);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("busyCores", result.usage().machineCores());
    machine.put("otherBusyCores", result.usage().otherCores());
    machine.put("loadAverage1m", result.usage().loadAverage());
    run.put("machine", machine);
    return run;
  }

  /** @return the latency and throughput table */
  public static String latencyTable(List<RunResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"run", "target", "entities", "in flight", "ok", "errors", "req/s",
        "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"});
    for (RunResult result : results) {
      long failed = result.errorCount() + result.unfinished();
      rows.add(new String[] {
          result.plan().name(),
          result.plan().target(),
          Integer.toString(result.plan().entities()),
          Integer.toString(result.plan().inFlight()),
          Long.toString(result.succeeded()),
          Long.toString(failed),
          format("%.0f", result.throughput()),
          millis(result.latencyMillis(50)),
          millis(result.latencyMillis(90)),
          millis(result.latencyMillis(99)),
          millis(result.latencyMillis(99.9)),
          millis(result.maxLatencyMillis())});
    }
    return table(rows);
  }

  /** @return the resource table: CPU per request and memory of each process, and the machine's other load */
  public static String resourceTable(List<RunResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"run", "proxy CPU µs/req", "proxy RSS MB", "user fn CPU µs/req", "user fn RSS MB",
        "store CPU µs/req", "store RSS MB", "generator CPU µs/req", "machine busy cores", "others' busy cores"});
    for (RunResult result : results) {
      Map<String, ResourceMonitor.ProcessUsage> processes = result.usage().processes();
      rows.add(new String[] {
          result.plan().name(),
          cpu(processes.get("proxy"), result),
          rss(processes.get("proxy")),
          cpu(processes.get("user-function"), result),
          rss(processes.get("user-function")),
          cpu(processes.get("store"), result),
          rss(processes.get("store")),
          cpu(processes.get("generator"), result),
          cores(result.usage().machineCores()),
          cores(result.usage().otherCores())});
    }
    return table(rows);
  }

  private static String cpu(ResourceMonitor.ProcessUsage usage, RunResult result) {
    return usage == null || result.succeeded() == 0 ? "-" : format("%.0f", usage.cpuMicrosPerRequest());
  }

  private static String rss(ResourceMonitor.ProcessUsage usage) {
    return usage == null ? "-" : format("%.0f", megabytes(usage.residentBytes()));
  }

  private static String cores(Optional<Double> cores) {
    return cores.map(value -> format("%.2f", value)).orElse("-");
  }

  private static String millis(double value) {
    return value >= 100 ? format("%.0f", value) : value >= 10 ? format("%.1f", value) : format("%.2f", value);
  }

  private static double megabytes(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String formatPercentile(double percentile) {
    return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** Left-aligns the first column and right-aligns the others. */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int i = 0; i < columns; i++) {
        String cell = row[i];
        String pad = " ".repeat(widths[i] - cell.length());
        out.append(i == 0 ? cell + pad : pad + cell);
        out.append(i == columns - 1 ? "" : "  ");
      }
      out.append('\n');
      if (r == 0) {
        for (int i = 0; i < columns; i++) {
          out.append("-".repeat(widths[i])).append(i == columns - 1 ? "" : "  ");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
