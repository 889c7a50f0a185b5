package io.stateside.bench.suite;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts of the standard suite. */
public enum Scenario {
  /** Many entities, many requests in flight: the proxy's throughput across entities. */
  SPREAD,
  /** One entity, many requests in flight: what one busy entity can take. */
  HOT,
  /** Stopped entities with stored events, each sent one command: the cost of recovery, with and without snapshots. */
  ACTIVATION,
  /** The spread and hot loads sent straight to the user function: what the proxy adds. */
  BASELINE;

  /** @param text comma-separated scenario names, or {@code all} */
  public static Set<Scenario> parseAll(String text) {
    if (text.strip().equalsIgnoreCase("all")) {
      return EnumSet.allOf(Scenario.class);
    }
    Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
    for (String name : text.split(",")) {
      try {
        scenarios.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown scenario '" + name.strip() + "'; use spread, hot, activation, baseline or all");
      }
    }
    return scenarios;
  }
}
