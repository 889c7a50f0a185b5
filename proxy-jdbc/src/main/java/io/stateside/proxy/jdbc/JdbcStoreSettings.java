package io.stateside.proxy.jdbc;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/** The settings under {@code stateside.jdbc}, for the chosen store. */
public record JdbcStoreSettings(DatabaseConnection connection, boolean createSchema, Duration schemaCreationTimeout) {

  /** Reads the settings from a resolved config that contains {@code stateside.jdbc}. */
  public static JdbcStoreSettings from(Config config) {
    Config jdbc = config.getConfig("stateside.jdbc");
    JdbcStore store = JdbcStore.named(jdbc.getString("store"));
    Config section = jdbc.getConfig(store.configName());
    DatabaseConnection connection = switch (store) {
      case H2 -> new DatabaseConnection(store, h2Url(section), section.getString("user"), section.getString("password"));
      case POSTGRES -> new DatabaseConnection(store, postgresUrl(section), section.getString("user"), section.getString("password"));
    };
    return new JdbcStoreSettings(connection, section.getBoolean("create-schema"), jdbc.getDuration("schema-creation-timeout"));
  }

  private static String h2Url(Config h2) {
    String url = h2.getString("url");
    if (!url.isBlank()) {
      return url;
    }
    // H2 refuses paths that are implicitly relative to the working directory.
    Path dataDir = Path.of(h2.getString("data-dir")).toAbsolutePath().normalize();
    // WRITE_DELAY=0 writes each commit to the file before acknowledging it, so an
    // acknowledged event survives a crash of the process. DB_CLOSE_ON_EXIT=FALSE keeps H2's
    // own shutdown hook from closing the database under calls still draining; the proxy
    // closes it itself once it has stopped (H2Closer).
    return "jdbc:h2:file:" + dataDir.resolve("stateside") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  private static String postgresUrl(Config postgres) {
    return "jdbc:postgresql://" + postgres.getString("host") + ":" + postgres.getInt("port") + "/"
        + postgres.getString("database");
  }
}
