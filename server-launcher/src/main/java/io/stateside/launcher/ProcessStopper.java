package io.stateside.launcher;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process by its handle: politely first, forcibly if it does not go in time. */
final class ProcessStopper {

  private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(30);

  private ProcessStopper() {}

  /**
   * SIGTERM, then SIGKILL after {@code grace}. On SIGTERM a server shuts down cleanly: it writes
   * out what it holds in memory, so its next start has nothing to recover.
   */
  static void stop(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(process, grace)) {
      kill(process);
    }
  }

  /** SIGKILL: what a crash looks like to the data on disk. */
  static void kill(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    if (!awaitExit(process, FORCED_EXIT_WAIT)) {
      throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL for " + FORCED_EXIT_WAIT);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
