package io.stateside.proxy.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The databases the JDBC proxy can keep its journal in, with what Slick and JDBC need for each. */
public enum JdbcStore {
  H2("h2", "slick.jdbc.H2Profile$", "org.h2.Driver", "stateside/jdbc/h2-schema.sql", "h2-dialect"),
  POSTGRES("postgres", "slick.jdbc.PostgresProfile$", "org.postgresql.Driver", "stateside/jdbc/postgres-schema.sql",
      "postgres-dialect");

  private final String configName;
  private final String slickProfile;
  private final String driverClass;
  private final String schemaResource;
  private final String projectionDialect;

  JdbcStore(String configName, String slickProfile, String driverClass, String schemaResource,
      String projectionDialect) {
    this.configName = configName;
    this.slickProfile = slickProfile;
    this.driverClass = driverClass;
    this.schemaResource = schemaResource;
    this.projectionDialect = projectionDialect;
  }

  /** The store for a value of {@code stateside.jdbc.store} (STATESIDE_STORE). */
  public static JdbcStore named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(store -> store.configName.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "Unknown store '" + name + "' (STATESIDE_STORE / stateside.jdbc.store); expected one of "
                + Arrays.stream(values()).map(JdbcStore::configName).collect(Collectors.joining(", "))));
  }

  /** The name used in configuration, also the key of the store's section under stateside.jdbc. */
  public String configName() {
    return configName;
  }

  public String slickProfile() {
    return slickProfile;
  }

  public String driverClass() {
    return driverClass;
  }

  /** Classpath resource with the idempotent DDL of akka-persistence-jdbc's and akka-projection-jdbc's tables. */
  public String schemaResource() {
    return schemaResource;
  }

  /** akka-projection-jdbc's name for the database ({@code akka.projection.jdbc.dialect}). */
  public String projectionDialect() {
    return projectionDialect;
  }
}
