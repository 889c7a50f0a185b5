package io.stateside.bench.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Relative weights of the steady-load commands, parsed from text like {@code increase=80,get=20}.
 * {@code Seed} is not part of a mix: it only fills journals for the activation benchmark.
 */
public final class CommandMix {

  private final Map<Command.Kind, Integer> weights;
  private final int total;

  private CommandMix(Map<Command.Kind, Integer> weights) {
    this.weights = weights;
    this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * @param text comma-separated {@code kind=weight} pairs; kinds {@code increase} and {@code get}
   * @throws IllegalArgumentException on an unknown kind, a negative weight, or only zero weights
   */
  public static CommandMix parse(String text) {
    Map<Command.Kind, Integer> weights = new EnumMap<>(Command.Kind.class);
    for (String part : text.split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("Expected kind=weight in the command mix, got '" + part + "'");
      }
      Command.Kind kind = switch (pair[0].strip().toLowerCase(Locale.ROOT)) {
        case "increase" -> Command.Kind.INCREASE;
        case "get" -> Command.Kind.GET;
        default -> throw new IllegalArgumentException("Unknown command '" + pair[0].strip() + "' in the mix; use increase or get");
      };
      int weight = Integer.parseInt(pair[1].strip());
      if (weight < 0) {
        throw new IllegalArgumentException("Negative weight for " + kind.methodName());
      }
      if (weights.put(kind, weight) != null) {
        throw new IllegalArgumentException(kind.methodName() + " appears twice in the mix");
      }
    }
    if (weights.values().stream().allMatch(weight -> weight == 0)) {
      throw new IllegalArgumentException("The command mix needs a positive weight");
    }
    return new CommandMix(weights);
  }

  /**
   * @param roll a number in {@code [0, 1)}
   * @return the command kind that roll falls on
   */
  public Command.Kind pick(double roll) {
    double point = roll * total;
    double upTo = 0;
    Command.Kind last = null;
    for (Map.Entry<Command.Kind, Integer> entry : weights.entrySet()) {
      upTo += entry.getValue();
      if (entry.getValue() > 0) {
        last = entry.getKey();
        if (point < upTo) {
          return last;
        }
      }
    }
    return last;
  }

  /** @return the mix as percentages, for example {@code increase 80%, get 20%} */
  public String describe() {
    return weights.entrySet().stream()
        .map(entry -> entry.getKey().methodName().toLowerCase(Locale.ROOT) + " "
            + Math.round(100.0 * entry.getValue() / total) + "%")
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return weights.entrySet().stream()
        .map(entry -> entry.getKey().methodName().toLowerCase(Locale.ROOT) + "=" + entry.getValue())
        .collect(Collectors.joining(","));
  }
}
