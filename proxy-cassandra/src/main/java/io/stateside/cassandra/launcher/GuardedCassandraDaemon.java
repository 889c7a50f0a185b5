package io.stateside.cassandra.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Main class of the Cassandra JVM: starts {@code org.apache.cassandra.service.CassandraDaemon}
 * and, for a throwaway node, halts the JVM and deletes the node's directory as soon as the JVM that
 * launched it is gone. That covers the one case shutdown hooks cannot: the launching JVM being
 * killed outright, which would otherwise leave an orphaned Cassandra behind.
 */
public final class GuardedCassandraDaemon {

  static final String PARENT_PID_PROPERTY = "stateside.cassandra.parent-pid";
  static final String ORPHAN_CLEANUP_PROPERTY = "stateside.cassandra.orphan-cleanup-directory";

  private static final String CASSANDRA_DAEMON = "org.apache.cassandra.service.CassandraDaemon";

  private GuardedCassandraDaemon() {}

  public static void main(String[] args) throws Throwable {
    String parentPid = System.getProperty(PARENT_PID_PROPERTY);
    if (parentPid != null) {
      watchParent(Long.parseLong(parentPid), System.getProperty(ORPHAN_CLEANUP_PROPERTY));
    }
    // Cassandra is not on the launcher's compile classpath; this lookup runs once per JVM.
    Class.forName(CASSANDRA_DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
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
      System.err.println("Launching JVM " + pid + " is gone: halting this Cassandra");
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
