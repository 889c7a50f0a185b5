package io.stateside.proxy.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code CASSANDRA_*} environment variables as settings of akka-persistence-cassandra and of
 * the Datastax driver. Variables that are unset or blank leave the defaults alone.
 */
public final class CassandraEnvironment {

  /** Comma-separated {@code host[:port]}; the port defaults to 9042. */
  public static final String CONTACT_POINTS = "CASSANDRA_CONTACT_POINTS";
  public static final String KEYSPACE = "CASSANDRA_KEYSPACE";
  public static final String USERNAME = "CASSANDRA_USERNAME";
  public static final String PASSWORD = "CASSANDRA_PASSWORD";
  /** The data center the driver talks to; the driver requires it with explicit contact points. */
  public static final String LOCAL_DATACENTER = "CASSANDRA_LOCAL_DATACENTER";
  /** {@code true} (default) or {@code false}: whether the proxy creates its keyspace and tables. */
  public static final String SCHEMA_AUTOCREATE = "CASSANDRA_SCHEMA_AUTOCREATE";

  static final int DEFAULT_PORT = 9042;

  private static final String DRIVER = "datastax-java-driver";
  private static final String PLUGIN = "akka.persistence.cassandra";

  private CassandraEnvironment() {}

  public static Config toConfig(Map<String, String> env) {
    Config config = ConfigFactory.empty();
    Optional<String> contactPoints = value(env, CONTACT_POINTS);
    if (contactPoints.isPresent()) {
      config = config.withValue(DRIVER + ".basic.contact-points",
          ConfigValueFactory.fromIterable(contactPoints(contactPoints.get())));
    }
    Optional<String> datacenter = value(env, LOCAL_DATACENTER);
    if (datacenter.isPresent()) {
      config = config.withValue(DRIVER + ".basic.load-balancing-policy.local-datacenter",
          ConfigValueFactory.fromAnyRef(datacenter.get()));
    }
    Optional<String> keyspace = value(env, KEYSPACE);
    if (keyspace.isPresent()) {
      config = config
          .withValue(PLUGIN + ".journal.keyspace", ConfigValueFactory.fromAnyRef(keyspace.get()))
          .withValue(PLUGIN + ".snapshot.keyspace", ConfigValueFactory.fromAnyRef(keyspace.get()));
    }
    Optional<String> username = value(env, USERNAME);
    if (username.isPresent()) {
      config = config.withValue(DRIVER + ".advanced.auth-provider", ConfigValueFactory.fromMap(Map.of(
          "class", "PlainTextAuthProvider",
          "username", username.get(),
          "password", value(env, PASSWORD).orElse(""))));
    }
    Optional<String> autocreate = value(env, SCHEMA_AUTOCREATE);
    if (autocreate.isPresent()) {
      boolean on = parseBoolean(SCHEMA_AUTOCREATE, autocreate.get());
      for (String plugin : List.of("journal", "snapshot")) {
        config = config
            .withValue(PLUGIN + "." + plugin + ".keyspace-autocreate", ConfigValueFactory.fromAnyRef(on))
            .withValue(PLUGIN + "." + plugin + ".tables-autocreate", ConfigValueFactory.fromAnyRef(on));
      }
    }
    return config;
  }

  /** {@code "a, b:9043"} → {@code ["a:9042", "b:9043"]}; IPv6 addresses take a port in brackets: {@code [::1]:9043}. */
  static List<String> contactPoints(String value) {
    List<String> points = Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(point -> !point.isEmpty())
        .map(CassandraEnvironment::withPort)
        .toList();
    if (points.isEmpty()) {
      throw new IllegalArgumentException(CONTACT_POINTS + " names no host: '" + value + "'");
    }
    return points;
  }

  private static String withPort(String point) {
    if (point.startsWith("[")) {
      int end = point.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException(CONTACT_POINTS + ": unclosed '[' in '" + point + "'");
      }
      String host = point.substring(1, end);
      String rest = point.substring(end + 1);
      return host + ":" + (rest.startsWith(":") ? rest.substring(1) : DEFAULT_PORT);
    }
    long colons = point.chars().filter(c -> c == ':').count();
    // one colon: host:port; none: a host; more: a bare IPv6 address
    return colons == 1 ? point : point + ":" + DEFAULT_PORT;
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
    };
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
