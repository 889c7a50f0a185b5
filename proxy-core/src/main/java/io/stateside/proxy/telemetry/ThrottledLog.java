package io.stateside.proxy.telemetry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a kind of problem at most once per interval, and says how many like it were held back
 * since the last line. One dead user function or one misbehaving client must leave a readable
 * log: a line per kind, not one per entity or per request.
 */
public final class ThrottledLog {

  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    long lastLogged;
    long heldBack;
    boolean logged;
  }

  public ThrottledLog(Logger logger, Duration interval) {
    this(logger, interval, System::nanoTime);
  }

  ThrottledLog(Logger logger, Duration interval, LongSupplier clock) {
    this.logger = logger;
    this.intervalNanos = interval.toNanos();
    this.clock = clock;
  }

  /** A warning of the given kind; the message is an SLF4J format with its arguments. */
  public void warn(String kind, String format, Object... arguments) {
    long heldBack = admit(kind);
    if (heldBack >= 0) {
      logger.warn(withHeldBack(format, heldBack), arguments);
    }
  }

  /** Like {@link #warn}, at INFO. */
  public void info(String kind, String format, Object... arguments) {
    long heldBack = admit(kind);
    if (heldBack >= 0) {
      logger.info(withHeldBack(format, heldBack), arguments);
    }
  }

  /** An error of the given kind, with its stack trace when it is logged. */
  public void error(String kind, String message, Throwable error) {
    long heldBack = admit(kind);
    if (heldBack >= 0) {
      logger.error(withHeldBack(message, heldBack), error);
    }
  }

  /** How many were held back before this one if it may be logged now, else -1 (held back). */
  private long admit(String kind) {
    Window window = windows.computeIfAbsent(kind, k -> new Window());
    long now = clock.getAsLong();
    synchronized (window) {
      if (window.logged && now - window.lastLogged < intervalNanos) {
        window.heldBack++;
        return -1;
      }
      long heldBack = window.heldBack;
      window.logged = true;
      window.lastLogged = now;
      window.heldBack = 0;
      return heldBack;
    }
  }

  private static String withHeldBack(String format, long heldBack) {
    return heldBack == 0 ? format : format + " (and " + heldBack + " more like it since the last such line)";
  }
}
