package io.stateside.kafka.launcher;

import java.nio.file.Path;

/** Where a broker keeps its files, all under its one directory. */
record BrokerLayout(Path root) {

  Path configDirectory() {
    return root.resolve("conf");
  }

  Path serverProperties() {
    return configDirectory().resolve("server.properties");
  }

  Path log4jProperties() {
    return configDirectory().resolve("log4j.properties");
  }

  /** The KRaft cluster id the data directory is formatted with, chosen once. */
  Path clusterIdFile() {
    return configDirectory().resolve("cluster.id");
  }

  /** Kafka's {@code log.dirs}: the topics' partitions and the KRaft metadata log. */
  Path dataDirectory() {
    return root.resolve("data");
  }

  /** The few launcher classes that run inside the broker JVM. */
  Path guardClassesDirectory() {
    return root.resolve("launcher-classes");
  }

  Path logDirectory() {
    return root.resolve("logs");
  }

  /** Standard output and error of the broker JVM, where its console logger writes. */
  Path logFile() {
    return logDirectory().resolve("kafka.log");
  }
}
