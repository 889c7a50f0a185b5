package io.stateside.bench.eventing;

import io.stateside.bench.load.RunResult;
import io.stateside.bench.metrics.ResourceMonitor;
import io.stateside.bench.report.ResultReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The eventing scenario's figures, as text and as a JSON-ready map. */
public final class EventingReport {

  private EventingReport() {
  }

  public static String text(String store, EventingRun.Result result) {
    EventingRun.Settings settings = result.settings();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "eventing (%s) on %s: %,d events, %,d EventCounter entities, %d per Seed,"
            + " %d in flight%s%n", settings.mode().name().toLowerCase(Locale.ROOT), store, settings.events(),
        settings.entities(), settings.eventsPerSeed(), settings.inFlight(),
        settings.mode() == EventingRun.Mode.LIVE ? String.format(Locale.ROOT, ", %,d warm-up events before",
            settings.warmupEvents()) : ""));
    result.seed().ifPresent(seed -> text.append(String.format(Locale.ROOT,
        "  writing:     %.1f s, %,.0f events/s written (%d Seed commands failed)%n",
        seed.seconds(), seed.throughput() * settings.eventsPerSeed(), seed.errorCount() + seed.unfinished())));
    switch (settings.mode()) {
      case LIVE -> {
        text.append(String.format(Locale.ROOT,
            "  subscriber:  %,.0f events/s from its first delivery to its last (%.1f s); %,d delivered while writing,"
                + " the other %,d at %,.0f events/s after (%.1f s)%n",
            result.deliveryRate(), result.firstToLastSeconds(), result.deliveredWhenSeeded(),
            settings.events() - result.deliveredWhenSeeded(), result.afterSeedRate(), result.afterSeedSeconds()));
        text.append(String.format(Locale.ROOT, "  end to end:  %.1f s from the first write to the last delivery;"
            + " %,d deliveries for %,d events%n", result.seedStartToLastSeconds(), result.delivered(), settings.events()));
      }
      case ATTACH -> text.append(String.format(Locale.ROOT,
          "  subscriber:  %,.0f events/s from its first delivery to its last (%.1f s); %,d deliveries for %,d events%n",
          result.deliveryRate(), result.firstToLastSeconds(), result.delivered(), settings.events()));
      case WRITE -> { }
    }
    ResourceMonitor.Usage usage = result.usage();
    text.append("  CPU per event:");
    usage.processes().forEach((role, process) -> text.append(String.format(Locale.ROOT, " %s %.0f µs (%.2f cores);",
        role, process.cpuMicrosPerRequest(), process.cores())));
    text.append(String.format(Locale.ROOT, " machine busy %s cores, others' busy cores %s%n",
        usage.machineCores().map(cores -> String.format(Locale.ROOT, "%.2f", cores)).orElse("n/a"),
        usage.otherCores().map(cores -> String.format(Locale.ROOT, "%.2f", cores)).orElse("n/a")));
    return text.toString();
  }

  public static Map<String, Object> toMap(String store, EventingRun.Result result) {
    EventingRun.Settings settings = result.settings();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("store", store);
    map.put("mode", settings.mode().name().toLowerCase(Locale.ROOT));
    map.put("events", settings.events());
    map.put("warmupEvents", settings.mode() == EventingRun.Mode.LIVE ? settings.warmupEvents() : 0);
    map.put("entities", settings.entities());
    map.put("eventsPerSeed", settings.eventsPerSeed());
    map.put("inFlight", settings.inFlight());
    if (result.seed().isPresent()) {
      RunResult seed = result.seed().get();
      map.put("seed", ResultReport.toMap(seed));
      map.put("seedEventsPerSecond", seed.throughput() * settings.eventsPerSeed());
    }
    if (settings.mode() != EventingRun.Mode.WRITE) {
      map.put("deliveries", result.delivered());
      map.put("deliveryEventsPerSecond", result.deliveryRate());
      map.put("firstToLastDeliverySeconds", result.firstToLastSeconds());
    }
    if (settings.mode() == EventingRun.Mode.LIVE) {
      map.put("deliveredWhenSeeded", result.deliveredWhenSeeded());
      map.put("afterSeedEventsPerSecond", result.afterSeedRate());
      map.put("afterSeedSeconds", result.afterSeedSeconds());
      map.put("seedStartToLastDeliverySeconds", result.seedStartToLastSeconds());
    }
    Map<String, Object> cpu = new LinkedHashMap<>();
    result.usage().processes().forEach((role, process) -> cpu.put(role, Map.of(
        "cpuMicrosPerEvent", process.cpuMicrosPerRequest(), "cores", process.cores(),
        "residentBytes", process.residentBytes())));
    map.put("processes", cpu);
    result.usage().machineCores().ifPresent(cores -> map.put("machineBusyCores", cores));
    result.usage().otherCores().ifPresent(cores -> map.put("othersBusyCores", cores));
    result.usage().loadAverage().ifPresent(load -> map.put("loadAverage", load));
    return map;
  }
}
