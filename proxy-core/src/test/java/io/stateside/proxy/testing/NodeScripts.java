package io.stateside.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node scripts a test runs as real clients: copied with their package.json into target/, their
 * npm packages installed there on first use, run with node.
 */
public final class NodeScripts {

  private final Path directory;

  private NodeScripts(Path directory) {
    this.directory = directory;
  }

  /**
   * Copies the files (scripts and their package.json) to {@code target} and installs
   * package.json's packages there, unless {@code installedPackage} already is.
   */
  public static NodeScripts install(List<Path> files, Path target, String installedPackage)
      throws IOException, InterruptedException {
    Files.createDirectories(target);
    for (Path file : files) {
      Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
    }
    NodeScripts scripts = new NodeScripts(target);
    if (!Files.isDirectory(target.resolve("node_modules").resolve(installedPackage))) {
      scripts.run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), Duration.ofMinutes(5));
    }
    return scripts;
  }

  /** Runs a script with node and returns what it printed; fails unless it exits 0 in time. */
  public String node(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.addAll(arguments);
    return run(command, timeout);
  }

  private String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in " + timeout);
    }
    assertEquals(0, process.exitValue(), command + " failed");
    return new String(out, StandardCharsets.UTF_8);
  }
}
