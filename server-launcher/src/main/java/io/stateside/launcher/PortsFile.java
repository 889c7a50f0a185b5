package io.stateside.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The ports of a server for local use, kept in a properties file in its directory so that a
 * restart binds the same ones: the client port and one more of the server's own (Cassandra's
 * storage port, say), which is picked free on the first start.
 *
 * @param fileName the file's name in the server's directory
 * @param portKey the client port's property
 * @param otherPortKey the other port's property
 */
public record PortsFile(String fileName, String portKey, String otherPortKey) {

  /** Both ports of a server. */
  record Ports(int port, int otherPort) {}

  /** The requested port, else the saved one, else {@code defaultPort}; the saved other port, else a free one. */
  Ports load(Path directory, Optional<Integer> requestedPort, int defaultPort, String host) throws IOException {
    Properties saved = new Properties();
    Path file = directory.resolve(fileName);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        saved.load(in);
      }
    }
    String savedPort = saved.getProperty(portKey);
    int port = requestedPort.orElse(savedPort != null ? Integer.parseInt(savedPort) : defaultPort);
    String otherPort = saved.getProperty(otherPortKey);
    return new Ports(port, otherPort != null ? Integer.parseInt(otherPort) : FreePorts.pick(host, 1)[0]);
  }

  void save(Path directory, Ports ports, String comment) throws IOException {
    Files.createDirectories(directory);
    Properties properties = new Properties();
    properties.setProperty(portKey, Integer.toString(ports.port()));
    properties.setProperty(otherPortKey, Integer.toString(ports.otherPort()));
    try (OutputStream out = Files.newOutputStream(directory.resolve(fileName))) {
      properties.store(out, comment);
    }
  }
}
