package io.stateside.kafka.launcher;

import io.stateside.launcher.OrphanGuard;
import java.io.PrintStream;

/**
 * Main class of the broker JVM: formats the data directory on the first start (KRaft needs it),
 * then runs {@code kafka.Kafka}. A throwaway broker is halted, its directory deleted, as soon as
 * the JVM that launched it is gone ({@link OrphanGuard}).
 */
public final class GuardedKafkaServer {

  static final String CLUSTER_ID_PROPERTY = "stateside.kafka.cluster-id";

  private GuardedKafkaServer() {}

  /** {@code args[0]}: the broker's server.properties. */
  public static void main(String[] args) throws Throwable {
    OrphanGuard.watchLauncher("Kafka broker");
    String serverProperties = args[0];
    // Kafka is not on the launcher's compile classpath; these lookups run once per JVM.
    int formatted = (Integer) Class.forName("kafka.tools.StorageTool")
        .getMethod("execute", String[].class, PrintStream.class)
        .invoke(null, new String[] {"format", "--cluster-id", System.getProperty(CLUSTER_ID_PROPERTY),
            "--config", serverProperties, "--ignore-formatted"}, System.out);
    if (formatted != 0) {
      System.err.println("Formatting the data directory failed (exit code " + formatted + ")");
      System.exit(formatted);
    }
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {serverProperties});
  }
}
