package io.stateside.tck.environment;

import java.util.Locale;

/** How the TCK gets hold of an implementation under test. */
public enum Mode {
  /** Run inside the TCK's JVM: Stateside's proxy, or the Java TCK model. */
  IN_PROCESS,
  /** Launch a command line, telling it its ports through environment variables. */
  COMMAND,
  /** Already running at a given host and port. */
  EXTERNAL,
  /** Not tested at all (proxy only): its scenarios are not applicable. */
  NONE;

  static Mode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode '" + value + "': use in-process, command, external or none", e);
    }
  }
}
