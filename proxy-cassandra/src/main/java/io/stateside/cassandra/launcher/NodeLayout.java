package io.stateside.cassandra.launcher;

import java.nio.file.Path;

/** Where a node keeps its files, all under its one directory. */
record NodeLayout(Path root) {

  Path configDirectory() {
    return root.resolve("conf");
  }

  Path cassandraYaml() {
    return configDirectory().resolve("cassandra.yaml");
  }

  Path logbackXml() {
    return configDirectory().resolve("logback.xml");
  }

  /** The few launcher classes that run inside the Cassandra JVM. */
  Path guardClassesDirectory() {
    return root.resolve("launcher-classes");
  }

  Path dataDirectory() {
    return root.resolve("data");
  }

  Path commitLogDirectory() {
    return root.resolve("commitlog");
  }

  Path hintsDirectory() {
    return root.resolve("hints");
  }

  Path savedCachesDirectory() {
    return root.resolve("saved_caches");
  }

  Path cdcDirectory() {
    return root.resolve("cdc_raw");
  }

  Path logDirectory() {
    return root.resolve("logs");
  }

  /** Standard output and error of the Cassandra JVM, where its console logger writes. */
  Path logFile() {
    return logDirectory().resolve("cassandra.log");
  }
}
