package io.stateside.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ends a throwaway server as soon as the JVM that launched it is gone: halts the server JVM and
 * deletes the server's directory. That covers the one case shutdown hooks cannot, the launching
 * JVM killed outright, which would otherwise leave an orphaned server behind.
 *
 * <p>The launcher puts {@link #jvmOptions} on the server's command line; the server JVM's main
 * class (a guard of the launcher's, see {@link GuardClasses}) calls {@link #watchLauncher} first.
 * Runs inside the server JVM: it uses nothing but the JDK and {@link Directories}.
 */
public final class OrphanGuard {

  private static final String LAUNCHER_PID_PROPERTY = "stateside.launcher.parent-pid";
  private static final String CLEANUP_DIRECTORY_PROPERTY = "stateside.launcher.orphan-cleanup-directory";

  private OrphanGuard() {}

  /** For the server JVM's command line: watch this JVM, and delete {@code cleanupDirectory} when it is gone. */
  public static List<String> jvmOptions(Path cleanupDirectory) {
    return List.of(
        "-D" + LAUNCHER_PID_PROPERTY + "=" + ProcessHandle.current().pid(),
        "-D" + CLEANUP_DIRECTORY_PROPERTY + "=" + cleanupDirectory);
  }

  /**
   * In the server JVM: checks every second that the launching JVM lives, on a daemon thread. Does
   * nothing in a JVM started without {@link #jvmOptions} (a server for local use, which outlives
   * its launcher).
   *
   * @param serverName names the server in the line printed when it halts, e.g. {@code Kafka broker}
   */
  public static void watchLauncher(String serverName) {
    String launcherPid = System.getProperty(LAUNCHER_PID_PROPERTY);
    if (launcherPid == null) {
      return;
    }
    long pid = Long.parseLong(launcherPid);
    Optional<ProcessHandle> launcher = ProcessHandle.of(pid);
    Optional<Path> cleanupDirectory = Optional.ofNullable(System.getProperty(CLEANUP_DIRECTORY_PROPERTY)).map(Path::of);
    var watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stateside-parent-watch");
      thread.setDaemon(true);
      return thread;
    });
    watcher.scheduleWithFixedDelay(() -> {
      if (launcher.map(ProcessHandle::isAlive).orElse(false)) {
        return;
      }
      System.err.println("Launching JVM " + pid + " is gone: halting this " + serverName);
      cleanupDirectory.ifPresent(OrphanGuard::deleteQuietly);
      Runtime.getRuntime().halt(1);
    }, 1, 1, TimeUnit.SECONDS);
  }

  /** Halting comes next either way; a failed delete is printed to the server's log. */
  private static void deleteQuietly(Path directory) {
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
    }
  }
}
