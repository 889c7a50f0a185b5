package io.stateside.cassandra.launcher;

import io.stateside.launcher.GuardClasses;
import io.stateside.launcher.OrphanGuard;
import io.stateside.launcher.ServerClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the Cassandra JVM. */
final class DaemonCommand {

  /**
   * Module access Cassandra needs on JDK 17: the {@code --add-exports} and {@code --add-opens} of
   * Cassandra's {@code conf/jvm17-server.options}, with the system properties it sets there.
   */
  static final List<String> JDK17_FLAGS = List.of(
      "-Djdk.attach.allowAttachSelf=true",
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true",
      "-Dio.netty.allocator.useCacheForAllThreads=true",
      "-Dio.netty.allocator.maxOrder=11");

  private static final ServerClasspath SERVER_CLASSPATH = new ServerClasspath("Cassandra", "cassandra-all",
      "the proxy-cassandra build writes it; run `mvn -pl proxy-cassandra package`");

  private DaemonCommand() {}

  static List<String> of(CassandraSettings settings, NodeLayout layout) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.jvmOptions());
    command.addAll(JDK17_FLAGS);
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dcassandra.config=" + layout.cassandraYaml().toUri());
    command.add("-Dcassandra.storagedir=" + layout.root());
    command.add("-Dcassandra.logdir=" + layout.logDirectory());
    command.add("-Dlogback.configurationFile=" + layout.logbackXml());
    // Keeps stdout open: without it the daemon closes its console, and with it the log file.
    command.add("-Dcassandra-foreground=yes");
    // A lone node has no gossip to wait for and no reason to delay creating its superuser.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    if (settings.ephemeral()) {
      command.addAll(OrphanGuard.jvmOptions(layout.root()));
    }
    // Cassandra's jars, then the guard's class files: not the launcher's jar, whose manifest class
    // path (Akka, an older netty) would meet Cassandra's.
    command.add("-cp");
    command.add(SERVER_CLASSPATH.read(settings.serverClasspathFile()) + File.pathSeparator
        + GuardClasses.copy(GuardedCassandraDaemon.class, layout.guardClassesDirectory()));
    command.add(GuardedCassandraDaemon.class.getName());
    return command;
  }
}
