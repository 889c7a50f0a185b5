package io.stateside.proxy.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by a test, which must never outlive the test JVM. On Linux the child
 * gets a parent-death signal (setpriv --pdeathsig), so even a killed JVM leaves nothing behind.
 * That signal fires when the thread that forked the child ends, so every child is forked from one
 * thread that lives as long as the JVM.
 */
public final class ChildProcess {

  private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "test-server-spawner");
    thread.setDaemon(true);
    return thread;
  });

  private final Process process;
  private final String name;

  private ChildProcess(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  /**
   * Starts {@code command} (run as {@code account}), its output appended to {@code log}; the child
   * gets {@code deathSignal} (a signal name such as INT or KILL) when the JVM goes away.
   */
  public static ChildProcess start(String name, ServerAccount account, List<String> command, Path log, String deathSignal) {
    List<String> full = new ArrayList<>(account.commandPrefix(deathSignal));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process process = SPAWNER.submit(builder::start).get();
      ChildProcess child = new ChildProcess(process, name);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
      return child;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not start " + name + ": " + full, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a short command to completion (as {@code account}) and fails with its output if it fails. */
  public static void run(String name, ServerAccount account, List<String> command, Path log) {
    ChildProcess child = start(name, account, command, log, "KILL");
    int exit = child.awaitExit(120);
    if (exit != 0) {
      throw new IllegalStateException(name + " exited with " + exit + ":\n" + tail(log));
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Sends a signal by name (INT, TERM, KILL) and waits for the process to end. */
  public void signalAndAwait(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (awaitExit(60) == Integer.MIN_VALUE) {
        process.destroyForcibly();
        awaitExit(30);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The exit code, or Integer.MIN_VALUE if the process still runs after the given seconds. */
  public int awaitExit(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : Integer.MIN_VALUE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  /** The end of a log file, for failure messages. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
