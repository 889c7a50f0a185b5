package io.stateside.tck.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An implementation under test that the TCK launched from a command line, with its output in a log file. */
final class LaunchedProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaunchedProcess.class);

  private final String name;
  private final Process process;
  private final Path logFile;

  private LaunchedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Runs {@code command} with {@code /bin/sh -c}, its environment extended with {@code environment}.
   *
   * @param logFile receives the process's standard output and error
   */
  static LaunchedProcess start(String name, String command, Map<String, String> environment, Path directory, Path logFile)
      throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    builder.environment().putAll(environment);
    log.info("Launching the {}: {} with {} (output in {})", name, command, environment, logFile);
    return new LaunchedProcess(name, builder.start(), logFile);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path logFile() {
    return logFile;
  }

  /** Stops the process and everything it started: politely, then forcibly. */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        log.warn("The {} did not stop within 10 s; killing it", name);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : descendants) {
      child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
      if (child.isAlive()) {
        log.warn("A process the {} started did not stop within 10 s; killing it", name);
        child.destroyForcibly();
      }
    }
  }
}
