package io.stateside.bench.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options; each must be read once, so that a misspelt one is reported. */
public final class Args {

  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /** @throws IllegalArgumentException on a word that is not an option, or an option without value */
  public static Args parse(String[] args, int from) {
    Map<String, String> values = new HashMap<>();
    for (int i = from; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Expected an --option, got '" + args[i] + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Args(values);
  }

  public Optional<String> optional(String name) {
    read.add(name);
    return Optional.ofNullable(values.get(name));
  }

  public String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public int integer(String name, int fallback) {
    return optional(name).map(value -> Integer.parseInt(value.strip())).orElse(fallback);
  }

  public Optional<Integer> optionalInteger(String name) {
    return optional(name).map(value -> Integer.parseInt(value.strip()));
  }

  public Optional<Long> optionalLong(String name) {
    return optional(name).map(value -> Long.parseLong(value.strip()));
  }

  public Duration duration(String name, Duration fallback) {
    return optional(name).map(Args::parseDuration).orElse(fallback);
  }

  /** @throws IllegalArgumentException if an option was given that nothing read */
  public void requireAllRead() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", unknown));
    }
  }

  /** {@code 250ms}, {@code 20s}, {@code 2m}; a plain number is seconds. */
  static Duration parseDuration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
      }
      if (value.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a duration: '" + text + "' (use 500ms, 20s or 2m)", e);
    }
  }
}
