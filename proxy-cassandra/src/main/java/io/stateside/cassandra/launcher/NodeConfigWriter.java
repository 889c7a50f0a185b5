package io.stateside.cassandra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the node's {@code cassandra.yaml} and {@code logback.xml} and creates its directories. */
final class NodeConfigWriter {

  private NodeConfigWriter() {}

  static void write(CassandraSettings settings, NodeLayout layout) throws IOException {
    for (Path dir : List.of(layout.configDirectory(), layout.dataDirectory(), layout.commitLogDirectory(),
        layout.hintsDirectory(), layout.savedCachesDirectory(), layout.cdcDirectory(), layout.logDirectory())) {
      Files.createDirectories(dir);
    }
    Files.writeString(layout.cassandraYaml(), cassandraYaml(settings, layout));
    Files.writeString(layout.logbackXml(), LOGBACK_XML);
  }

  /**
   * A single node on loopback, tuned to start fast and stay small. Periodic commit-log sync is
   * Cassandra's default: an acknowledged write sits in the memory-mapped commit log, so it survives
   * the process being killed (not the machine losing power, which no test here simulates).
   */
  static String cassandraYaml(CassandraSettings s, NodeLayout layout) {
    String seed = s.host() + ":" + s.storagePort();
    return """
        cluster_name: stateside
        num_tokens: 16
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        endpoint_snitch: SimpleSnitch
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: %s
        listen_address: %s
        rpc_address: %s
        storage_port: %d
        native_transport_port: %d
        start_native_transport: true
        data_file_directories:
          - %s
        commitlog_directory: %s
        hints_directory: %s
        saved_caches_directory: %s
        cdc_raw_directory: %s
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        authenticator: %s
        authorizer: AllowAllAuthorizer
        hinted_handoff_enabled: false
        auto_snapshot: false
        snapshot_before_compaction: false
        concurrent_compactors: 1
        memtable_flush_writers: 1
        disk_failure_policy: stop
        commit_failure_policy: stop
        read_request_timeout: 10000ms
        write_request_timeout: 10000ms
        range_request_timeout: 20000ms
        """.formatted(
            quote(seed), s.host(), s.host(), s.storagePort(), s.nativePort(),
            quote(layout.dataDirectory()), quote(layout.commitLogDirectory()), quote(layout.hintsDirectory()),
            quote(layout.savedCachesDirectory()), quote(layout.cdcDirectory()),
            s.passwordAuthentication() ? "PasswordAuthenticator" : "AllowAllAuthenticator");
  }

  private static String quote(Object value) {
    return "'" + value.toString().replace("'", "''") + "'";
  }

  /** INFO to the console, which the launcher redirects to the node's log file. */
  private static final String LOGBACK_XML = """
      <configuration>
        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="INFO">
          <appender-ref ref="CONSOLE"/>
        </root>
      </configuration>
      """;
}
