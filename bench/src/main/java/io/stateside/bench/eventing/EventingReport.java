package io.stateside.bench.eventing;

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
    ResourceMonitor.Usage usage = result.usage();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "eventing on %s: %,d events into %,d EventCounter entities (%d per Seed, %d in flight;"
            + " %,d warm-up events before)%n",
        store, settings.events(), settings.entities(), settings.eventsPerSeed(), settings.inFlight(),
        settings.warmupEvents()));
    text.append(String.format(Locale.ROOT, "  writing:     %.1f s, %,.0f events/s written (%d Seed commands failed)%n",
        result.seed().seconds(), result.seed().throughput() * settings.eventsPerSeed(),
        result.seed().errorCount() + result.seed().unfinished()));
    text.append(String.format(Locale.ROOT,
        "  subscriber:  %,.0f events/s from its first delivery to its last (%.1f s); %,d delivered while writing,"
            + " the other %,d at %,.0f events/s after (%.1f s)%n",
        result.deliveryRate(), result.firstToLastSeconds(), result.deliveredWhenSeeded(),
        settings.events() - result.deliveredWhenSeeded(), result.afterSeedRate(), result.afterSeedSeconds()));
    text.append(String.format(Locale.ROOT, "  end to end:  %.1f s from the first write to the last delivery; %,d deliveries"
        + " for %,d events%n", result.seedStartToLastSeconds(), result.delivered(), settings.events()));
    text.append("  CPU per event:");
    usage.processes().forEach((role, process) -> text.append(String.format(Locale.ROOT, " %s %.0f µs (%.2f cores);",
        role, process.cpuMicrosPerRequest(), process.cores())));
    text.append(String.format(Locale.ROOT, " machine busy %s cores, others' busy cores %s%n",
        usage.machineCores().map(cores -> String.format(Locale.ROOT, "%.2f", cores)).orElse("n/a"),
        usage.otherCores().map(cores -> String.format(Locale.ROOT, "%.2f", cores)).orElse("n/a")));
    return text.toString();
  }

  public static Map<String, Object> toMap(String store, EventingRun.Result result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("store", store);
    map.put("events", result.settings().events());
    map.put("warmupEvents", result.settings().warmupEvents());
    map.put("entities", result.settings().entities());
    map.put("eventsPerSeed", result.settings().eventsPerSeed());
    map.put("inFlight", result.settings().inFlight());
    map.put("seed", ResultReport.toMap(result.seed()));
    map.put("seedEventsPerSecond", result.seed().throughput() * result.settings().eventsPerSeed());
    map.put("deliveries", result.delivered());
    map.put("deliveredWhenSeeded", result.deliveredWhenSeeded());
    map.put("deliveryEventsPerSecond", result.deliveryRate());
    map.put("firstToLastDeliverySeconds", result.firstToLastSeconds());
    map.put("afterSeedEventsPerSecond", result.afterSeedRate());
    map.put("afterSeedSeconds", result.afterSeedSeconds());
    map.put("seedStartToLastDeliverySeconds", result.seedStartToLastSeconds());
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
