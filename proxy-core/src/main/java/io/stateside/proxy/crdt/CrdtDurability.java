package io.stateside.proxy.crdt;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lmdbjava.Env;

/**
 * Turns {@code stateside.proxy.crdt.durable} into the settings of Akka Distributed Data's durable
 * store (LMDB), which the replicator reads once, when it starts: so this has to shape the
 * configuration the actor system is created with.
 */
public final class CrdtDurability {

  static final String KEYS = "akka.cluster.distributed-data.durable.keys";
  static final String DIRECTORY = "akka.cluster.distributed-data.durable.lmdb.dir";
  /** What lmdbjava reaches into to hand buffers to LMDB; without them its first write kills the JVM. */
  static final List<String> LMDB_PACKAGES = List.of("java.nio", "sun.nio.ch");

  private CrdtDurability() {}

  /**
   * The configuration with every CRDT key made durable in the configured directory when
   * {@code durable = on}; unchanged when off, so Akka's own durable settings still apply.
   *
   * @throws IllegalStateException when on but the JVM keeps from LMDB what it needs
   */
  public static Config prepare(Config config) {
    Config crdt = config.getConfig("stateside.proxy.crdt");
    if (!crdt.getBoolean("durable")) {
      return config;
    }
    List<String> closed = closedPackages(Env.class.getModule());
    if (!closed.isEmpty()) {
      throw new IllegalStateException("stateside.proxy.crdt.durable = on needs "
          + closed.stream().map(p -> "--add-opens java.base/" + p + "=ALL-UNNAMED").collect(Collectors.joining(" "))
          + " on the java command line (the proxy's jars carry them in their manifests for java -jar)");
    }
    Map<String, Object> durable = Map.of(
        KEYS, List.of("*"),
        DIRECTORY, usedAsIs(crdt.getString("durable-directory")));
    return ConfigFactory.parseMap(durable).withFallback(config);
  }

  /** The packages of {@link #LMDB_PACKAGES} that java.base does not open to the given module. */
  static List<String> closedPackages(Module lmdb) {
    return LMDB_PACKAGES.stream().filter(p -> !Object.class.getModule().isOpen(p, lmdb)).toList();
  }

  /**
   * Akka adds the system name and the remoting port to a directory whose name ends in
   * "ddata"; with port 0, or a node moved to another port, a restart would then find nothing.
   * A trailing separator keeps the directory the one configured.
   */
  private static String usedAsIs(String directory) {
    return directory.endsWith("ddata") ? directory + "/" : directory;
  }
}
