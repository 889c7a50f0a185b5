package io.stateside.launcher;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the classpath of a server JVM, which a launcher's build resolves apart from its own
 * dependencies ({@code dependency:build-classpath}) and writes to a file.
 *
 * @param serverName names the server in messages, e.g. {@code Cassandra}
 * @param requiredJar a jar the classpath must name, e.g. {@code cassandra-all}: a file without it
 *     is not the server's
 * @param buildHint how to get the file, for the message when it is missing
 */
public record ServerClasspath(String serverName, String requiredJar, String buildHint) {

  /** The classpath in {@code file}. */
  public String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(serverName + " server classpath file not found: " + file + " (" + buildHint + ")");
    }
    return checked(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The classpath in {@code resource}, found beside {@code owner}'s class file. */
  public String read(Class<?> owner, String resource) throws IOException {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new FileNotFoundException("No " + resource + " beside " + owner.getName() + " (" + buildHint + ")");
      }
      return checked(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the launcher's " + resource);
    }
  }

  private String checked(String classpath, String origin) throws IOException {
    String stripped = classpath.strip();
    if (!stripped.contains(requiredJar)) {
      throw new IOException("No " + requiredJar + " jar in " + origin);
    }
    return stripped;
  }
}
