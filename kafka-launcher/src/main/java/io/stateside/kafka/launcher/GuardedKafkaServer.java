package io.stateside.kafka.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Main class of the broker JVM: formats the data directory on the first start (KRaft needs it),
 * then runs {@code kafka.Kafka}. For a throwaway broker it also halts the JVM and deletes the
 * broker's directory as soon as the JVM that launched it is gone, the one case shutdown hooks
 * cannot cover (the launching JVM killed outright), which would otherwise leave an orphaned broker.
 */
public final class GuardedKafkaServer {

  static final String PARENT_PID_PROPERTY = "stateside.kafka.parent-pid";
  static final String ORPHAN_CLEANUP_PROPERTY = "stateside.kafka.orphan-cleanup-directory";
  static final String CLUSTER_ID_PROPERTY = "stateside.kafka.cluster-id";

  private GuardedKafkaServer() {}

  /** {@code args[0]}: the broker's server.properties. */
  public static void main(String[] args) throws Throwable {
    String parentPid = System.getProperty(PARENT_PID_PROPERTY);
    if (parentPid != null) {
      watchParent(Long.parseLong(parentPid), System.getProperty(ORPHAN_CLEANUP_PROPERTY));
    }
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

  private static void watchParent(long pid, String cleanupDirectory) {
    var parent = ProcessHandle.of(pid);
    var watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stateside-parent-watch");
      thread.setDaemon(true);
      return thread;
    });
    watcher.scheduleWithFixedDelay(() -> {
      if (parent.map(ProcessHandle::isAlive).orElse(false)) {
        return;
      }
      System.err.println("Launching JVM " + pid + " is gone: halting this Kafka broker");
      if (cleanupDirectory != null) {
        try {
          Directories.deleteRecursively(Path.of(cleanupDirectory));
        } catch (IOException | RuntimeException e) {
          e.printStackTrace();
        }
      }
      Runtime.getRuntime().halt(1);
    }, 1, 1, TimeUnit.SECONDS);
  }
}
