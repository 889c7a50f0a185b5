package io.stateside.cassandra.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** What runs in the Cassandra JVM besides Cassandra: the guard and what it uses. */
  private static final List<Class<?>> GUARD_CLASSES = List.of(GuardedCassandraDaemon.class, Directories.class);

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
      command.add("-D" + GuardedCassandraDaemon.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
      command.add("-D" + GuardedCassandraDaemon.ORPHAN_CLEANUP_PROPERTY + "=" + layout.root());
    }
    command.add("-cp");
    command.add(classpath(settings.serverClasspathFile(), layout));
    command.add(GuardedCassandraDaemon.class.getName());
    return command;
  }

  /**
   * The server's jars, then the guard's two class files copied into the node's directory: the
   * launcher's own jar would bring its manifest class path (Akka, an older netty) into Cassandra.
   */
  private static String classpath(Path serverClasspathFile, NodeLayout layout) throws IOException {
    if (!Files.isRegularFile(serverClasspathFile)) {
      throw new IOException("Cassandra server classpath file not found: " + serverClasspathFile
          + " (the proxy-cassandra build writes it; run `mvn -pl proxy-cassandra package`)");
    }
    String serverClasspath = Files.readString(serverClasspathFile).strip();
    if (serverClasspath.isEmpty() || !serverClasspath.contains("cassandra-all")) {
      throw new IOException("No cassandra-all jar in " + serverClasspathFile);
    }
    for (Class<?> guardClass : GUARD_CLASSES) {
      copyClassFile(guardClass, layout.guardClassesDirectory());
    }
    return serverClasspath + File.pathSeparator + layout.guardClassesDirectory();
  }

  private static void copyClassFile(Class<?> type, Path classesRoot) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    Path target = classesRoot.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Class file not found: " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
