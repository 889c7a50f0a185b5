package io.stateside.kafka.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the broker JVM's classpath comes from: the file named by the system property
 * {@value #FILE_PROPERTY} if set, else the one the kafka-launcher build wrote into its own classes
 * (it names jars in that build's local Maven repository).
 */
final class ServerClasspath {

  static final String FILE_PROPERTY = "stateside.kafka.server-classpath-file";
  private static final String RESOURCE = "kafka-server.classpath";
  private static final String BROKER_JAR = "kafka_2.13";

  private ServerClasspath() {}

  static String resolve() {
    String file = System.getProperty(FILE_PROPERTY);
    String classpath;
    String origin;
    try {
      if (file != null && !file.isBlank()) {
        classpath = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        origin = file;
      } else {
        try (InputStream in = ServerClasspath.class.getResourceAsStream(RESOURCE)) {
          if (in == null) {
            throw new IllegalStateException("No " + RESOURCE + " beside the launcher's classes and no system property "
                + FILE_PROPERTY + ": build kafka-launcher with Maven (`mvn -pl kafka-launcher package`), which "
                + "resolves the Kafka broker's jars and writes their classpath");
          }
          classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          origin = "the launcher's " + RESOURCE;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Kafka broker's classpath", e);
    }
    classpath = classpath.strip();
    if (!classpath.contains(BROKER_JAR)) {
      throw new IllegalStateException("No " + BROKER_JAR + " jar in " + origin);
    }
    return classpath;
  }
}
